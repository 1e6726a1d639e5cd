import type { CertificateScreen } from './certificate-screens';
import { CertificatesScreen } from './certificates-screen';
import { IdentifyScreen } from './identify-screen';

/** The identification and certificate screens for session.tsx's ScreenView. */
export function CertificateScreenView({ screen }: { screen: CertificateScreen }) {
  switch (screen.name) {
    case 'identify':
      return <IdentifyScreen purpose={screen.purpose} next={screen.next} />;
    case 'certificates':
      return <CertificatesScreen />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}
