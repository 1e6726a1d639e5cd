import { useEffect } from 'react';
import type { KioskErrorBody } from '../../contract/errors';
import { useSession } from '../app/session-context';
import { errorText } from '../i18n/i18n';

type Props = { error: Pick<KioskErrorBody, 'code'>; extra?: string; onRetry?: () => void };

/**
 * An error as residents meet it: what happened and what to do next, in their language, shown
 * and spoken, with a symbol and a heading so colour never carries the meaning alone. Never the
 * code or the technical message.
 */
export function ErrorMessage({ error, extra, onRetry }: Props) {
  const { lang, t, say } = useSession();
  const text = errorText(lang, error.code);
  const spoken = [text.message, extra, text.next].filter(Boolean).join(' ');
  useEffect(() => {
    say(spoken);
  }, [say, spoken]);
  return (
    <div className="message error" role="alert" data-testid="error-message" data-code={error.code}>
      <span className="message-icon" aria-hidden="true">
        !
      </span>
      <div>
        <p className="message-title">{t('error.title')}</p>
        <p>{text.message}</p>
        {extra ? <p>{extra}</p> : null}
        <p>{text.next}</p>
        {onRetry ? (
          <button type="button" className="button" onClick={onRetry}>
            {t('error.retry')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
