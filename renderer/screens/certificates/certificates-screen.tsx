import { useEffect, useReducer, useRef, useState } from 'react';
import type { DeviceStatus } from '../../../contract/channels';
import type { ErrorCode } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { useTakeReminder } from '../../voice/take-reminder';
import { flowReducer, initialFlow, PRINTER_TROUBLE, type CertificateType } from './certificate-flow';
import { useCertificatesText } from './certificate-text';
import { ChoosePhase, DonePhase, IssueFailedPhase, LoadingPhase, PreviewPhase, PrintFailedPhase, PrintingPhase, RemovedPhase } from './certificate-phases';
import './certificates.css';

/** After this long a wait says what is happening, not only that it is happening (KIOSK-UX.md). */
export const SLOW_WAIT_MS = 10_000;
/** Once the certificate is out and the card taken, the visit ends by itself after this long. */
export const FINISH_AFTER_MS = 20_000;

type Identity = { maskedName: string; maskedNumber: string; kind: 'id-card' | 'ss-card' | null };

/** Whether the A4 printer can take a job now; unknown counts as yes (printing says if not). */
export function printerReady(device: DeviceStatus | undefined): boolean {
  if (!device) return true;
  return device.state !== 'offline' && device.state !== 'hardwareError' && device.state !== 'noDevice' && device.paper !== 'out' && device.paper !== 'jammed';
}

/**
 * 证明打印 for the identified resident, as one screen entry whose phases share the flow state:
 * choose → preview of the real PDF → print, following the job → "take your document" with the
 * verification code. Taking the card out before printing hides everything until the same card is
 * back; printer trouble keeps the job, says so, and continues by itself once the printer is ready.
 */
export function CertificatesScreen() {
  const { kiosk, replace, wipe } = useSession();
  const [flow, dispatch] = useReducer(flowReducer, initialFlow);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [cardIn, setCardIn] = useState(true);
  const [cardProblem, setCardProblem] = useState<ErrorCode | null>(null);
  const [printer, setPrinter] = useState<DeviceStatus | undefined>(undefined);
  const kind = useRef<Identity['kind']>(null);
  const { phase } = flow;

  useEffect(() => {
    let live = true;
    void kiosk.invoke('session.current', {}).then((r) => {
      if (!live || !r.ok) return;
      const v = r.value;
      if (!v.identified || !v.maskedName || !v.maskedNumber) {
        replace({ name: 'identify', purpose: 'certificates', next: { name: 'certificates' } });
        return;
      }
      kind.current = v.kind;
      setIdentity({ maskedName: v.maskedName, maskedNumber: v.maskedNumber, kind: v.kind });
    });
    void kiosk.invoke('app.state', {}).then((r) => {
      if (live && r.ok) setPrinter((p) => p ?? r.value.devices.find((d) => d.id === 'page-printer'));
    });
    const offs = [
      kiosk.on('card.inserted', () => {
        setCardIn(true);
        setCardProblem(null);
        dispatch({ type: 'cardBack' });
      }),
      kiosk.on('card.removed', ({ kind: removed }) => {
        if (kind.current !== null && removed !== kind.current) return;
        setCardIn(false);
        dispatch({ type: 'cardRemoved' });
      }),
      kiosk.on('card.rejected', ({ code }) => setCardProblem(code)),
      kiosk.on('device.status', (d) => d.id === 'page-printer' && setPrinter(d)),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [kiosk, replace]);

  // Each request answers the phase that asked for it; the reducer drops stale answers.
  const loadingType = phase.name === 'loading' ? phase.type : null;
  useEffect(() => {
    if (!loadingType) return;
    const timer = setTimeout(() => dispatch({ type: 'slow' }), SLOW_WAIT_MS);
    void kiosk.invoke('certificate.issue', { type: loadingType }).then((r) => {
      clearTimeout(timer);
      dispatch(r.ok ? { type: 'issued', cert: r.value } : { type: 'issueFailed', certificate: loadingType, error: r.error });
    });
    return () => clearTimeout(timer);
  }, [kiosk, loadingType]);

  const printingNumber = phase.name === 'printing' ? phase.cert.number : null;
  useEffect(() => {
    if (!printingNumber) return;
    const timer = setTimeout(() => dispatch({ type: 'slow' }), SLOW_WAIT_MS);
    void kiosk.invoke('certificate.print', { number: printingNumber }).then((r) => {
      clearTimeout(timer);
      const alreadyPrinted = !r.ok && r.error.code === 'PRINT_NOT_ALLOWED' && r.error.detail?.reason === 'printed';
      dispatch(r.ok || alreadyPrinted ? { type: 'printed' } : { type: 'printFailed', error: r.error });
    });
    return () => clearTimeout(timer);
  }, [kiosk, printingNumber]);

  // The printer is back (paper loaded, jam cleared): follow the kept job again, by itself.
  const ready = printerReady(printer);
  const recoverable = phase.name === 'printFailed' && PRINTER_TROUBLE.has(phase.error.code);
  const sawTrouble = useRef(false);
  useEffect(() => {
    if (!recoverable) {
      sawTrouble.current = false;
      return;
    }
    if (!ready) sawTrouble.current = true;
    else if (sawTrouble.current) dispatch({ type: 'print' });
  }, [recoverable, ready]);

  // The certificate is out and the card taken: the visit is over.
  const finished = phase.name === 'done' && !cardIn;
  useEffect(() => {
    if (!finished) return;
    const timer = setTimeout(() => wipe('finished'), FINISH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [finished, wipe]);

  useTakeReminder('document', phase.name === 'done');
  useTakeReminder('card', phase.name === 'done' && cardIn);

  const choose = (type: CertificateType) => dispatch({ type: 'choose', certificate: type });
  const strip = identity && phase.name !== 'removed' ? <IdentityStrip identity={identity} /> : null;
  const problem = cardProblem ? <CardProblem code={cardProblem} onDismiss={() => setCardProblem(null)} /> : null;

  switch (phase.name) {
    case 'choose':
      return <ChoosePhase strip={strip} problem={problem} printed={flow.printed} printerReady={ready} onChoose={choose} />;
    case 'loading':
      return <LoadingPhase strip={strip} type={phase.type} slow={phase.slow} />;
    case 'issueFailed':
      return <IssueFailedPhase strip={strip} type={phase.type} error={phase.error} onRetry={() => choose(phase.type)} onChoose={() => dispatch({ type: 'backToChoose' })} />;
    case 'preview':
      return <PreviewPhase strip={strip} problem={problem} cert={phase.cert} printerReady={ready} onPrint={() => dispatch({ type: 'print' })} onBack={() => dispatch({ type: 'backToChoose' })} />;
    case 'printing':
      return <PrintingPhase strip={strip} type={phase.cert.type} slow={phase.slow} />;
    case 'printFailed':
      return <PrintFailedPhase strip={strip} error={phase.error} onRetry={() => dispatch({ type: 'print' })} />;
    case 'done':
      return <DonePhase strip={strip} cert={phase.cert} cardIn={cardIn} onAnother={() => dispatch({ type: 'backToChoose' })} onFinish={() => wipe('finished')} />;
    case 'removed':
      return <RemovedPhase />;
    default: {
      const never: never = phase;
      return never;
    }
  }
}

function IdentityStrip({ identity }: { identity: Identity }) {
  const ct = useCertificatesText();
  return (
    <p className="cert-identity" data-testid="identity-strip">
      <span className="cert-identity-label">{ct('identity.label')}</span>
      <span>{ct('identity.value', { name: identity.maskedName, number: identity.maskedNumber })}</span>
    </p>
  );
}

/** A second card that cannot be used (another person's, expired…): said, and dismissed; the flow stays. */
function CardProblem({ code, onDismiss }: { code: ErrorCode; onDismiss: () => void }) {
  const ct = useCertificatesText();
  return (
    <div className="cert-problem" data-testid="card-problem" data-code={code}>
      <ErrorMessage error={{ code }} />
      <button type="button" className="button" data-testid="card-problem-dismiss" onClick={onDismiss}>
        {ct('cardProblem.dismiss')}
      </button>
    </div>
  );
}
