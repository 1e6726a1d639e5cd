import { useEffect, useState } from 'react';
import type { Lang } from '../i18n/i18n';

/** Date and time for people who lost track of it in the queue; refreshed every few seconds. */
export function Clock({ lang }: { lang: Lang }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
  // Short in English ("Sat, Nov 28") so it fits beside the location in portrait elderly mode.
  const style = lang === 'en' ? 'short' : 'long';
  const date = new Intl.DateTimeFormat(lang, { month: style, day: 'numeric', weekday: style }).format(now);
  return (
    <div className="clock" data-testid="clock">
      <time className="clock-time" dateTime={now.toISOString()}>
        {time}
      </time>
      <span className="clock-date">{date}</span>
    </div>
  );
}
