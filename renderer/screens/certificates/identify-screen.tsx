import { useEffect, useState } from 'react';
import type { ErrorCode } from '../../../contract/errors';
import { useSession, type Screen } from '../../app/session-context';
import { isUnavailable, useKioskStatus } from '../../app/kiosk-status';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import { useSpoken } from '../../components/use-spoken';
import { useTakeReminder } from '../../voice/take-reminder';
import { useCertificatesText } from './certificate-text';
import './certificates.css';

/** How long the screen waits for a card before it offers a clear retry (doubled in elderly mode). */
export const IDENTIFY_TIMEOUT_MS = 60_000;

type Props = { purpose: 'certificates' | 'progress' | 'results'; next: Screen };

type Phase = { name: 'waiting' } | { name: 'timeout' } | { name: 'rejected'; code: ErrorCode; taken: boolean };

/**
 * "Place your ID card or insert your social-security card": where and how (an animation of each
 * card going in), a live line about the readers, and every way it can go wrong in plain words
 * with a way forward. Once main says the resident is identified, the screen replaces itself with
 * `next`; only main holds the identity, this screen never sees more than the masked view.
 */
export function IdentifyScreen({ purpose, next }: Props) {
  const { kiosk, replace, elderly } = useSession();
  const ct = useCertificatesText();
  const status = useKioskStatus(kiosk);
  const [phase, setPhase] = useState<Phase>({ name: 'waiting' });
  const [attempt, setAttempt] = useState(0);

  // Someone already identified (a card went in on another screen): go straight on.
  useEffect(() => {
    let live = true;
    void kiosk.invoke('session.current', {}).then((r) => {
      if (live && r.ok && r.value.identified) replace(next);
    });
    return () => {
      live = false;
    };
    // `next` is fixed for the life of this screen entry.
  }, [kiosk, replace]);

  useEffect(() => {
    const offIn = kiosk.on('card.inserted', () => replace(next));
    const offRejected = kiosk.on('card.rejected', ({ code }) => setPhase({ name: 'rejected', code, taken: false }));
    // The refused card was taken: the reminder stops; the message stays until the resident goes on.
    const offRemoved = kiosk.on('card.removed', () => setPhase((p) => (p.name === 'rejected' ? { ...p, taken: true } : p)));
    return () => {
      offIn();
      offRejected();
      offRemoved();
    };
  }, [kiosk, replace]);

  useEffect(() => {
    if (phase.name !== 'waiting') return;
    const timer = setTimeout(() => setPhase({ name: 'timeout' }), IDENTIFY_TIMEOUT_MS * (elderly ? 2 : 1));
    return () => clearTimeout(timer);
  }, [phase.name, attempt, elderly]);

  // A refused card is still in the slot or on the pad: remind the resident to take it.
  useTakeReminder('card', phase.name === 'rejected' && !phase.taken);

  const idDown = isUnavailable(status.devices['id-card']);
  const ssDown = isUnavailable(status.devices['ss-card']);
  const known = status.devices['id-card'] !== undefined && status.devices['ss-card'] !== undefined;
  const bothDown = idDown && ssDown;
  const retry = () => {
    setPhase({ name: 'waiting' });
    setAttempt((a) => a + 1);
  };

  return (
    <ScreenFrame prompt={ct('identify.prompt')} testId="identify">
      <p className="cert-lead">{ct(`identify.purpose.${purpose}`)}</p>
      {bothDown ? (
        <ErrorMessage error={{ code: 'READER_OFFLINE' }} />
      ) : phase.name === 'waiting' ? (
        <>
          <div className="cert-cards">
            <CardHowTo kind="id" disabled={idDown} />
            <CardHowTo kind="ss" disabled={ssDown} />
          </div>
          <ReaderLine text={!known ? ct('identify.status.starting') : idDown ? ct('identify.status.ssOnly') : ssDown ? ct('identify.status.idOnly') : ct('identify.status.ready')} />
        </>
      ) : phase.name === 'timeout' ? (
        <TimedOut onRetry={retry} />
      ) : (
        <div className="cert-rejected" data-testid="identify-rejected" data-code={phase.code}>
          {/* An unreadable card is put back (the error says how); any other refused card is swapped. */}
          <ErrorMessage error={{ code: phase.code }} {...(phase.code === 'CARD_READ_FAILED' || phase.taken ? {} : { extra: ct('identify.removeCard') })} />
          <button type="button" className="button primary huge" data-testid="identify-retry" onClick={retry}>
            {ct('identify.retry')}
          </button>
        </div>
      )}
    </ScreenFrame>
  );
}

function CardHowTo({ kind, disabled }: { kind: 'id' | 'ss'; disabled: boolean }) {
  const ct = useCertificatesText();
  const title = kind === 'id' ? ct('identify.idCard.title') : ct('identify.ssCard.title');
  const how = kind === 'id' ? ct('identify.idCard.how') : ct('identify.ssCard.how');
  return (
    <figure className={`cert-card-howto cert-card-${kind}${disabled ? ' cert-card-off' : ''}`} data-testid={`howto-${kind}`}>
      {/* The animation shows where the card goes; the words say the same for those who cannot see it. */}
      <div className="cert-anim" aria-hidden="true">
        <div className="cert-anim-reader" />
        <div className="cert-anim-card">{kind === 'id' ? '身份证' : '社保卡'}</div>
      </div>
      <figcaption>
        <strong className="cert-card-title">{title}</strong>
        <span>{how}</span>
      </figcaption>
    </figure>
  );
}

function ReaderLine({ text }: { text: string }) {
  const { say } = useSession();
  // Said after the screen's prompt, and again whenever a reader comes or goes.
  useEffect(() => {
    const timer = setTimeout(() => say(text, 'queue'), 0);
    return () => clearTimeout(timer);
  }, [say, text]);
  return (
    <p className="cert-reader-line" role="status" data-testid="identify-status">
      <span className="cert-pulse" aria-hidden="true" />
      {text}
    </p>
  );
}

function TimedOut({ onRetry }: { onRetry: () => void }) {
  const ct = useCertificatesText();
  useSpoken(`${ct('identify.timeout.title')} ${ct('identify.timeout.next')}`);
  return (
    <div className="message notice" role="alert" data-testid="identify-timeout">
      <span className="message-icon" aria-hidden="true">
        i
      </span>
      <div>
        <p className="message-title">{ct('identify.timeout.title')}</p>
        <p>{ct('identify.timeout.next')}</p>
        <button type="button" className="button primary" data-testid="identify-retry" onClick={onRetry}>
          {ct('identify.retry')}
        </button>
      </div>
    </div>
  );
}
