import type { RequestOf, ResponseOf } from '../../../contract/channels';
import type { KioskErrorBody } from '../../../contract/errors';

// The certificate flow's state machine, kept pure so its rules are tested without a screen:
// choose → loading → preview → printing → done, with the failures in between, and the card
// taken out before printing hiding everything until the same card is back.

export type CertificateType = RequestOf<'certificate.issue'>['type'];
export type Certificate = ResponseOf<'certificate.issue'>;

export type FlowPhase =
  | { name: 'choose' }
  | { name: 'loading'; type: CertificateType; slow: boolean }
  | { name: 'issueFailed'; type: CertificateType; error: KioskErrorBody }
  | { name: 'preview'; cert: Certificate }
  | { name: 'printing'; cert: Certificate; slow: boolean }
  | { name: 'printFailed'; cert: Certificate; error: KioskErrorBody }
  | { name: 'done'; cert: Certificate }
  | { name: 'removed'; resume: Exclude<FlowPhase, { name: 'removed' | 'loading' | 'printing' | 'printFailed' | 'done' }> };

export type FlowState = { phase: FlowPhase; printed: CertificateType[] };

export type FlowAction =
  | { type: 'choose'; certificate: CertificateType }
  | { type: 'issued'; cert: Certificate }
  | { type: 'issueFailed'; certificate: CertificateType; error: KioskErrorBody }
  | { type: 'slow' }
  | { type: 'print' }
  | { type: 'printed' }
  | { type: 'printFailed'; error: KioskErrorBody }
  | { type: 'cardRemoved' }
  | { type: 'cardBack' }
  | { type: 'backToChoose' };

export const initialFlow: FlowState = { phase: { name: 'choose' }, printed: [] };

/** Printer trouble the printer itself can recover from: the flow follows the kept job again. */
export const PRINTER_TROUBLE: ReadonlySet<KioskErrorBody['code']> = new Set(['PRINTER_OUT_OF_PAPER', 'PRINTER_OFFLINE', 'PRINTER_ERROR']);

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  const { phase } = state;
  const to = (next: FlowPhase): FlowState => ({ ...state, phase: next });
  switch (action.type) {
    case 'choose':
      return phase.name === 'choose' || phase.name === 'issueFailed' ? to({ name: 'loading', type: action.certificate, slow: false }) : state;
    case 'issued':
      // An answer for a screen the resident has left (card taken out, went back) is dropped.
      if (phase.name !== 'loading' || phase.type !== action.cert.type) return state;
      return action.cert.printed ? { phase: { name: 'preview', cert: action.cert }, printed: withType(state.printed, action.cert.type) } : to({ name: 'preview', cert: action.cert });
    case 'issueFailed':
      return phase.name === 'loading' && phase.type === action.certificate ? to({ name: 'issueFailed', type: action.certificate, error: action.error }) : state;
    case 'slow':
      return phase.name === 'loading' || phase.name === 'printing' ? to({ ...phase, slow: true }) : state;
    case 'print':
      if (phase.name === 'preview' && !phase.cert.printed) return to({ name: 'printing', cert: phase.cert, slow: false });
      if (phase.name === 'printFailed') return to({ name: 'printing', cert: phase.cert, slow: false });
      return state;
    case 'printed':
      if (phase.name !== 'printing') return state;
      return { phase: { name: 'done', cert: { ...phase.cert, printed: true } }, printed: withType(state.printed, phase.cert.type) };
    case 'printFailed':
      return phase.name === 'printing' ? to({ name: 'printFailed', cert: phase.cert, error: action.error }) : state;
    case 'cardRemoved':
      // Before printing the card's holder must be there; once the certificate is on its way (or
      // out), taking the card is what the resident is asked to do anyway.
      if (phase.name === 'choose' || phase.name === 'issueFailed' || phase.name === 'preview') return to({ name: 'removed', resume: phase });
      if (phase.name === 'loading') return to({ name: 'removed', resume: { name: 'choose' } });
      return state;
    case 'cardBack':
      return phase.name === 'removed' ? to(phase.resume) : state;
    case 'backToChoose':
      return phase.name === 'preview' || phase.name === 'issueFailed' || phase.name === 'done' ? to({ name: 'choose' }) : state;
    default: {
      const never: never = action;
      return never;
    }
  }
}

function withType(list: CertificateType[], type: CertificateType): CertificateType[] {
  return list.includes(type) ? list : [...list, type];
}
