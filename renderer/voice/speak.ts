import type { Lang } from '../i18n/i18n';
import { interruptPhrases, playChime, playRecorded, stopRecordings, type Playback } from './recordings';

export type Volume = 'low' | 'medium' | 'high';

export type VoiceSettings = {
  /** Elderly mode speaks more slowly. */
  slow: boolean;
  muted: boolean;
  volume: Volume;
};

export const DEFAULT_VOICE: VoiceSettings = { slow: false, muted: false, volume: 'medium' };

const VOLUME: Record<Volume, number> = { low: 0.4, medium: 0.7, high: 1 };

/** The parts of the Web Speech API we use, so tests can hand in a fake and absence is a normal case. */
export type SpeechEngine = Pick<SpeechSynthesis, 'speak' | 'cancel' | 'getVoices'>;
type UtteranceCtor = new (text: string) => SpeechSynthesisUtterance;

function engine(): { synth: SpeechEngine; Utterance: UtteranceCtor } | null {
  const g = globalThis as { speechSynthesis?: SpeechEngine; SpeechSynthesisUtterance?: UtteranceCtor };
  return g.speechSynthesis && g.SpeechSynthesisUtterance ? { synth: g.speechSynthesis, Utterance: g.SpeechSynthesisUtterance } : null;
}

function voiceFor(synth: SpeechEngine, lang: Lang): SpeechSynthesisVoice | undefined {
  const prefix = lang === 'zh-CN' ? 'zh' : 'en';
  const voices = synth.getVoices();
  return voices.find((v) => v.lang.replace('_', '-') === lang) ?? voices.find((v) => v.lang.toLowerCase().startsWith(prefix));
}

/** How fast and loud, for speech and recordings alike. */
export function playbackOf(settings: VoiceSettings): Playback {
  return { rate: settings.slow ? 0.75 : 1, volume: VOLUME[settings.volume] };
}

/**
 * Says `text` in `lang`. A screen's prompt or an error interrupts whatever was being said (the
 * resident has moved on); a notice queues behind it. The platform's speech voice for the language
 * speaks when there is one; otherwise the recording made at build time plays (Debian's Chromium
 * has no Chinese voice); with neither, or muted, the kiosk stays silent and never throws: the
 * words are on screen anyway. Returns whether speech was started (or is waiting for the
 * recordings' manifest to load).
 */
export function speak(text: string, lang: Lang, settings: VoiceSettings = DEFAULT_VOICE, mode: 'interrupt' | 'queue' = 'interrupt'): boolean {
  try {
    if (settings.muted || text.trim() === '') return false;
    const playback = playbackOf(settings);
    const found = engine();
    const voice = found ? voiceFor(found.synth, lang) : undefined;
    if (!found || !voice) {
      if (mode === 'interrupt') cancelEngine();
      return playRecorded(text, lang, playback, mode);
    }
    const utterance = new found.Utterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = playback.rate;
    utterance.volume = playback.volume;
    if (mode === 'interrupt') {
      found.synth.cancel();
      interruptPhrases();
    }
    found.synth.speak(utterance);
    return true;
  } catch {
    return false;
  }
}

/** The reminder chime at the chosen volume; nothing when muted. */
export function chime(settings: VoiceSettings = DEFAULT_VOICE): boolean {
  try {
    return settings.muted ? false : playChime(playbackOf(settings).volume);
  } catch {
    return false;
  }
}

function cancelEngine(): void {
  try {
    engine()?.synth.cancel();
  } catch {
    // Nothing to stop.
  }
}

type StopListener = () => void;
const stopListeners = new Set<StopListener>();

/** Runs `listener` whenever all speech is stopped (the wipe), e.g. to end a repeating reminder. */
export function onStopSpeaking(listener: StopListener): () => void {
  stopListeners.add(listener);
  return () => void stopListeners.delete(listener);
}

/** Stops any speech, recording, chime and reminder (the idle wipe: the next person must not hear the last one's screen). */
export function stopSpeaking(): void {
  cancelEngine();
  try {
    stopRecordings();
  } catch {
    // Nothing to stop.
  }
  for (const listener of [...stopListeners]) listener();
}
