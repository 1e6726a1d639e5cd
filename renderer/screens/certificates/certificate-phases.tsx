import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import type { KioskErrorBody } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen-frame';
import { PRINTER_TROUBLE, type Certificate, type CertificateType } from './certificate-flow';
import { useCertificatesText } from './certificate-text';

// The phases of the certificate flow (certificates-screen.tsx holds their shared state). Each is a
// screen of its own for the resident: one h1 prompt, spoken, and its way forward.

// PDF.js is large: fetched when the first preview opens, not with the home screen.
const PdfPreview = lazy(() => import('./pdf-preview'));

const TYPES: readonly CertificateType[] = ['household', 'family-planning'];

type Strip = { strip: ReactNode };

/** Said after the screen's own prompt (which interrupts), not instead of it. */
function useQueued(text: string) {
  const { say } = useSession();
  useEffect(() => {
    const timer = setTimeout(() => say(text, 'queue'), 0);
    return () => clearTimeout(timer);
  }, [say, text]);
}

export function ChoosePhase({ strip, problem, printed, printerReady, onChoose }: Strip & {
  problem: ReactNode;
  printed: CertificateType[];
  printerReady: boolean;
  onChoose: (type: CertificateType) => void;
}) {
  const ct = useCertificatesText();
  return (
    <ScreenFrame prompt={ct('choose.prompt')} testId="certificates">
      {strip}
      {problem}
      {printerReady ? null : <Notice text={ct('printer.unavailable')} testId="printer-notice" />}
      <ul className="cert-types">
        {TYPES.map((type) => (
          <li key={type}>
            <button type="button" className="button cert-type" data-testid={`cert-${type}`} onClick={() => onChoose(type)}>
              <span className="cert-type-name">{ct(`type.${type}`)}</span>
              <span className="cert-type-desc">{ct(`type.${type}.desc`)}</span>
              {printed.includes(type) ? <span className="cert-type-desc cert-printed">✓ {ct('choose.printed')}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}

export function LoadingPhase({ strip, type, slow }: Strip & { type: CertificateType; slow: boolean }) {
  const ct = useCertificatesText();
  const title = ct('loading', { type: ct(`type.${type}`) });
  return (
    <ScreenFrame prompt={title} testId="certificate-loading">
      {strip}
      <p className="cert-wait" role="status">
        <span className="spinner" aria-hidden="true" />
        {slow ? ct('loading.slow') : title}
      </p>
      {slow ? <SlowSaid text={ct('loading.slow')} /> : null}
    </ScreenFrame>
  );
}

function SlowSaid({ text }: { text: string }) {
  useQueued(text);
  return null;
}

export function IssueFailedPhase({ strip, type, error, onRetry, onChoose }: Strip & {
  type: CertificateType;
  error: KioskErrorBody;
  onRetry: () => void;
  onChoose: () => void;
}) {
  const ct = useCertificatesText();
  const { home, t } = useSession();
  const gone = error.code === 'NO_SESSION';
  return (
    <ScreenFrame prompt={ct('issueFailed.prompt')} testId="certificate-issue-failed">
      {strip}
      <p className="cert-lead">{ct(`type.${type}`)}</p>
      <ErrorMessage error={error} />
      <div className="cert-actions">
        {gone ? null : (
          <button type="button" className="button primary" data-testid="cert-retry" onClick={onRetry}>
            {t('error.retry')}
          </button>
        )}
        {gone ? null : (
          <button type="button" className="button" data-testid="cert-choose" onClick={onChoose}>
            {ct('issueFailed.choose')}
          </button>
        )}
        <button type="button" className="button" data-testid="cert-home" onClick={home}>
          {t('nav.home')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function PreviewPhase({ strip, problem, cert, printerReady, onPrint, onBack }: Strip & {
  problem: ReactNode;
  cert: Certificate;
  printerReady: boolean;
  onPrint: () => void;
  onBack: () => void;
}) {
  const ct = useCertificatesText();
  const title = ct(`type.${cert.type}`);
  useQueued(cert.printed ? ct('preview.printed') : ct('preview.hint'));
  return (
    <ScreenFrame prompt={ct('preview.prompt', { type: title })} testId="certificate-preview">
      {strip}
      {problem}
      {/* Landscape: the number and the buttons stay beside the page while it scrolls. */}
      <div className="cert-preview-layout">
        <div className="cert-preview-side">
          <p className="cert-number" data-testid="cert-number">
            {ct('preview.number', { number: cert.number })}
          </p>
          {cert.printed ? <p className="message notice">{ct('preview.printed')}</p> : <p className="cert-lead">{ct('preview.hint')}</p>}
          {printerReady || cert.printed ? null : <Notice text={ct('printer.unavailable')} testId="printer-notice" />}
          <div className="cert-actions">
            {cert.printed ? null : (
              <button type="button" className="button primary huge" data-testid="cert-print" onClick={onPrint}>
                {ct('preview.print')}
              </button>
            )}
            <button type="button" className="button" data-testid="cert-back" onClick={onBack}>
              {ct('preview.back')}
            </button>
          </div>
        </div>
        <Suspense fallback={<p className="cert-wait">{ct('preview.loading')}</p>}>
          <PdfPreview pdfBase64={cert.pdf} title={title} />
        </Suspense>
      </div>
    </ScreenFrame>
  );
}

export function PrintingPhase({ strip, type, slow }: Strip & { type: CertificateType; slow: boolean }) {
  const ct = useCertificatesText();
  const title = ct('printing.prompt', { type: ct(`type.${type}`) });
  return (
    <ScreenFrame prompt={title} testId="certificate-printing">
      {strip}
      <div className="cert-progress" aria-hidden="true">
        <div className="cert-progress-bar" />
      </div>
      <p className="cert-wait" role="status" data-testid="print-status">
        <span className="spinner" aria-hidden="true" />
        {slow ? ct('printing.slow') : title}
      </p>
      {slow ? <SlowSaid text={ct('printing.slow')} /> : null}
    </ScreenFrame>
  );
}

export function PrintFailedPhase({ strip, error, onRetry }: Strip & { error: KioskErrorBody; onRetry: () => void }) {
  const ct = useCertificatesText();
  const { home, t } = useSession();
  const recoverable = PRINTER_TROUBLE.has(error.code);
  // The printer holds the started job (paper ran out part-way): the resident waits, nothing is resent.
  const waiting = error.code === 'PRINTER_OUT_OF_PAPER' && error.detail?.kept === true;
  return (
    <ScreenFrame prompt={ct(waiting ? 'printFailed.keptPrompt' : 'printFailed.prompt')} testId="certificate-print-failed">
      {strip}
      {/* Not printer trouble: the kiosk could not say how the job ended (it may have printed). */}
      <ErrorMessage error={error} extra={waiting ? ct('printFailed.kept') : recoverable ? ct('printFailed.auto') : ct('printFailed.unsure')} />
      {waiting ? (
        <p className="cert-wait" role="status" data-testid="print-waiting">
          <span className="spinner" aria-hidden="true" />
          {ct('printFailed.wait')}
        </p>
      ) : null}
      <div className="cert-actions">
        {recoverable ? (
          <button type="button" className="button primary huge" data-testid="cert-retry-print" onClick={onRetry}>
            {ct('printFailed.retry')}
          </button>
        ) : null}
        <button type="button" className="button" data-testid="cert-home" onClick={home}>
          {t('nav.home')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function DonePhase({ strip, cert, cardIn, onAnother, onFinish }: Strip & {
  cert: Certificate;
  cardIn: boolean;
  onAnother: () => void;
  onFinish: () => void;
}) {
  const ct = useCertificatesText();
  const { lang } = useSession();
  const code = ct('done.code', { code: cert.verificationCode });
  useQueued([ct('done.body'), code, cardIn ? ct('done.takeCard') : ''].filter(Boolean).join(' '));
  return (
    <ScreenFrame prompt={ct('done.prompt')} testId="certificate-done">
      {strip}
      <p className="cert-done-icon" aria-hidden="true">
        ✓
      </p>
      <p>{ct('done.body')}</p>
      <div className="cert-code-box">
        <p className="cert-code" data-testid="verification-code">
          {code}
        </p>
        <p>{ct('done.number', { number: cert.number })}</p>
        <p className="cert-sub">{ct('done.codeHint')}</p>
      </div>
      {cardIn ? (
        <p className="message notice" data-testid="take-card">
          <span className="message-icon" aria-hidden="true">
            i
          </span>
          <span>{[ct('done.takeCard'), ct('done.autoFinish')].join(lang === 'en' ? ' ' : '')}</span>
        </p>
      ) : null}
      <div className="cert-actions">
        <button type="button" className="button primary huge" data-testid="cert-finish" onClick={onFinish}>
          {ct('done.finish')}
        </button>
        <button type="button" className="button" data-testid="cert-another" onClick={onAnother}>
          {ct('done.another')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function RemovedPhase() {
  const ct = useCertificatesText();
  const { home, t } = useSession();
  return (
    <ScreenFrame prompt={ct('removed.prompt')} testId="certificate-card-removed">
      <div className="message notice" role="alert">
        <span className="message-icon" aria-hidden="true">
          i
        </span>
        <div>
          <p>{ct('removed.body')}</p>
          <p>{ct('removed.next')}</p>
        </div>
      </div>
      <RemovedSaid text={`${ct('removed.body')} ${ct('removed.next')}`} />
      <div className="cert-anim cert-anim-wide" aria-hidden="true">
        <div className="cert-anim-reader" />
        <div className="cert-anim-card">卡</div>
      </div>
      <button type="button" className="button huge" data-testid="cert-home" onClick={home}>
        {t('nav.home')}
      </button>
    </ScreenFrame>
  );
}

function RemovedSaid({ text }: { text: string }) {
  useQueued(text);
  return null;
}
