import { DEFAULT_LANG, type Lang } from '../i18n/i18n';
import { DEFAULT_VOICE, type Volume } from '../voice/speak';
import type { Screen } from './session-context';

/**
 * Everything the UI knows about the person in front of it. All of it lives inside <Session>,
 * which the app remounts on every wipe, so every screen's own state (typed digits, scroll, open
 * panels) goes too. Language and elderly mode are part of it on purpose: after an idle wipe the
 * next person is someone else, and they meet the kiosk's defaults (Chinese, normal mode).
 */
export type SessionState = {
  stack: [Screen, ...Screen[]];
  lang: Lang;
  elderly: boolean;
  muted: boolean;
  volume: Volume;
  /** A card event arrived: main holds somebody's identity even if the screen looks untouched. */
  cardSeen: boolean;
};

export const initialSession: SessionState = {
  stack: [{ name: 'home' }],
  lang: DEFAULT_LANG,
  elderly: false,
  muted: DEFAULT_VOICE.muted,
  volume: DEFAULT_VOICE.volume,
  cardSeen: false,
};

export type SessionAction =
  | { type: 'open'; screen: Screen }
  | { type: 'replace'; screen: Screen }
  | { type: 'back' }
  | { type: 'home' }
  | { type: 'toggleLang' }
  | { type: 'toggleElderly' }
  | { type: 'toggleMute' }
  | { type: 'cycleVolume' }
  | { type: 'cardSeen' };

const NEXT_VOLUME: Record<Volume, Volume> = { low: 'medium', medium: 'high', high: 'low' };

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'open':
      return { ...state, stack: [...state.stack, action.screen] };
    case 'replace':
      return { ...state, stack: [state.stack[0], ...state.stack.slice(1, -1), action.screen] };
    case 'back':
      return state.stack.length > 1 ? { ...state, stack: [state.stack[0], ...state.stack.slice(1, -1)] } : state;
    case 'home':
      return { ...state, stack: [{ name: 'home' }] };
    case 'toggleLang':
      return { ...state, lang: state.lang === 'zh-CN' ? 'en' : 'zh-CN' };
    case 'toggleElderly':
      return { ...state, elderly: !state.elderly };
    case 'toggleMute':
      return { ...state, muted: !state.muted };
    case 'cycleVolume':
      return { ...state, volume: NEXT_VOLUME[state.volume] };
    case 'cardSeen':
      return { ...state, cardSeen: true };
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** A new visit's state; `volume` is the kiosk's own (a technician setting, app.info.voice). */
export function freshSession(volume: Volume = DEFAULT_VOICE.volume): SessionState {
  return { ...initialSession, volume };
}

/** Nothing on screen belongs to anybody: the idle countdown has nothing to protect. */
export function isPristine(state: SessionState, startVolume: Volume = initialSession.volume): boolean {
  return (
    state.stack.length === 1 &&
    state.stack[0].name === 'home' &&
    state.lang === initialSession.lang &&
    state.elderly === initialSession.elderly &&
    state.muted === initialSession.muted &&
    state.volume === startVolume &&
    !state.cardSeen
  );
}
