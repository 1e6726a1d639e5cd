import type { KioskParts } from '../kiosk-parts';
import type { Handlers } from '../ipc/router';

/** The certificate channels (contract/certificates.ts). */
export function certificateHandlers({ certificates }: KioskParts): Pick<Handlers, 'certificate.issue' | 'certificate.print'> {
  return {
    'certificate.issue': async ({ type }) => {
      const preview = await certificates.issue(type);
      return { type: preview.type, number: preview.number, verificationCode: preview.verificationCode, pdf: preview.pdf.toString('base64'), printed: preview.printed };
    },
    'certificate.print': ({ number }) => certificates.print(number),
  };
}
