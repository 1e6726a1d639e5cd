import { useState } from 'react';
import type { KioskErrorBody } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { OnScreenKeyboard } from '../../components/keyboard/on-screen-keyboard';
import { ScreenFrame } from '../../components/screen-frame';
import { useSpoken } from '../../components/use-spoken';
import { BackButton } from './back-button';
import { localName, useCatalogueText } from './catalogue-text';
import { CallStatus, Loading } from './loading';
import { QueryDisplay } from './query-input';
import { useKioskCall } from './use-kiosk-call';
import './catalogue.css';

/** RFC 5321's limit on an address; the contract takes the same. */
const MAX_EMAIL = 254;

type SendState = { phase: 'typing' } | { phase: 'empty' } | { phase: 'sending' } | { phase: 'failed'; error: KioskErrorBody } | { phase: 'queued'; online: boolean; email: string };

/**
 * The forms of an item by e-mail: the address is typed on the on-screen keyboard (with @ . _ -),
 * the kiosk checks it and queues the request in its outbox, and the resident is told honestly
 * whether it goes now or once the kiosk is back online.
 */
export function EmailScreen({ itemId }: { itemId: string }) {
  const { kiosk, lang, back } = useSession();
  const ct = useCatalogueText();
  const detail = useKioskCall('catalogue.item', { id: itemId }, itemId);
  const [email, setEmail] = useState('');
  const [state, setState] = useState<SendState>({ phase: 'typing' });

  const send = async () => {
    const address = email.trim();
    if (address === '') return setState({ phase: 'empty' });
    setState({ phase: 'sending' });
    const result = await kiosk.invoke('catalogue.email', { itemId, email: address });
    setState(result.ok ? { phase: 'queued', online: result.value.online, email: address } : { phase: 'failed', error: result.error });
  };
  const type = (value: string) => {
    setEmail(value);
    if (state.phase === 'empty' || state.phase === 'failed') setState({ phase: 'typing' });
  };

  return (
    <ScreenFrame prompt={ct('email.prompt')} testId="guide-email">
      <div className="cat-toprow">
        <BackButton />
        {state.phase === 'queued' ? null : <QueryDisplay label={ct('email.address')} value={email} testId="email-address" />}
      </div>
      <div className="cat-typing">
        <div className="cat-typing-side">
          {detail.status === 'ok' ? (
            <div className="cat-block">
              <p className="cat-strong">{ct('email.forms')}</p>
              <ul className="cat-bullets" data-testid="email-forms-list">
                {detail.value.forms.map((f) => (
                  <li key={f.id}>{localName(lang, f.title, f.titleEn)}</li>
                ))}
              </ul>
            </div>
          ) : (
            <CallStatus state={detail} />
          )}
          {state.phase === 'queued' ? <Queued online={state.online} email={state.email} onDone={back} /> : null}
          {state.phase === 'empty' ? <EmptyWarning /> : null}
          {state.phase === 'failed' ? <ErrorMessage error={state.error} /> : null}
          {state.phase === 'sending' ? <Loading slow={false} /> : null}
          {state.phase === 'queued' ? null : (
            <button type="button" className="button primary huge" data-testid="email-send" disabled={state.phase === 'sending'} onClick={() => void send()}>
              {ct('email.send')}
            </button>
          )}
        </div>
        {state.phase === 'queued' ? null : <OnScreenKeyboard value={email} onChange={type} layout="email" maxLength={MAX_EMAIL} disabled={state.phase === 'sending'} />}
      </div>
    </ScreenFrame>
  );
}

function EmptyWarning() {
  const ct = useCatalogueText();
  useSpoken(ct('email.empty'));
  return (
    <div className="message error" role="alert" data-testid="email-empty">
      <span className="message-icon" aria-hidden="true">
        !
      </span>
      <p>{ct('email.empty')}</p>
    </div>
  );
}

function Queued({ online, email, onDone }: { online: boolean; email: string; onDone: () => void }) {
  const ct = useCatalogueText();
  const text = online ? ct('email.queuedOnline', { email }) : ct('email.queuedOffline', { email });
  useSpoken(text);
  return (
    <>
      <div className="message notice" role="status" data-testid="email-queued" data-online={online}>
        <span className="message-icon" aria-hidden="true">
          ✓
        </span>
        <p>{text}</p>
      </div>
      <button type="button" className="button primary huge" data-testid="email-done" onClick={onDone}>
        {ct('email.done')}
      </button>
    </>
  );
}
