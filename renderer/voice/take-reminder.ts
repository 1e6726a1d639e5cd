import { useEffect } from 'react';
import { useSession } from '../app/session-context';
import { defineDictionary } from '../i18n/dictionary';
import type { Lang } from '../i18n/i18n';
import { voiceEn } from '../i18n/voice-en';
import { voiceZhCN } from '../i18n/voice-zh-CN';
import { chime, onStopSpeaking, speak } from './speak';

/** What the resident must not walk away without. */
export type TakeKind = 'card' | 'document' | 'ticket';

/** Often enough that someone turning away hears it, not so often it drowns the screen's prompt. */
export const REMINDER_EVERY_MS = 6_000;
/** The words follow the chime rather than sounding over it. */
export const CHIME_LEAD_MS = 800;

// Fixed phrases (the build records them), so the tables are read as they are, with nothing to fill in.
const reminders = defineDictionary(voiceZhCN, voiceEn);

export function reminderText(lang: Lang, kind: TakeKind): string {
  return reminders.tables[lang][`reminder.${kind}`];
}

/**
 * While `active`, reminds the resident to take their card, document or ticket: a chime and the
 * spoken reminder, repeated until the thing is taken (the screen sets `active` false), the screen
 * goes, or the session is wiped (stopSpeaking). Muted and volume settings are honoured; the chime
 * still sounds when no voice exists. The words queue behind the screen's own prompt.
 */
export function useTakeReminder(kind: TakeKind, active: boolean, lang?: Lang): void {
  const session = useSession();
  const speakIn = lang ?? session.lang;
  const { voice } = session;
  useEffect(() => {
    if (!active) return;
    const text = reminderText(speakIn, kind);
    let words: ReturnType<typeof setTimeout> | undefined;
    const remind = () => {
      chime(voice);
      clearTimeout(words);
      words = setTimeout(() => speak(text, speakIn, voice, 'queue'), CHIME_LEAD_MS);
    };
    remind();
    const every = setInterval(remind, REMINDER_EVERY_MS);
    const stop = () => {
      clearInterval(every);
      clearTimeout(words);
    };
    const unsubscribe = onStopSpeaking(stop);
    return () => {
      stop();
      unsubscribe();
    };
  }, [kind, active, speakIn, voice]);
}
