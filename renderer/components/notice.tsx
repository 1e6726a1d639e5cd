import { useEffect } from 'react';
import { useSession } from '../app/session-context';

type Props = { text: string; testId: string };

/** A calm, non-blocking notice (offline, a reader down): icon + label + words, also spoken once. */
export function Notice({ text, testId }: Props) {
  const { t, say } = useSession();
  useEffect(() => {
    // After the screen's own prompt (which interrupts), not instead of it.
    const timer = setTimeout(() => say(text, 'queue'), 0);
    return () => clearTimeout(timer);
  }, [say, text]);
  return (
    <div className="message notice" role="status" data-testid={testId}>
      <span className="message-icon" aria-hidden="true">
        i
      </span>
      <p>
        <strong>{t('notice.label')}</strong>
        {text}
      </p>
    </div>
  );
}
