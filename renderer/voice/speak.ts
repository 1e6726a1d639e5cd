import type { Lang } from '../i18n/i18n';

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

/**
 * Says `text` in `lang`. A screen's prompt or an error interrupts whatever was being said (the
 * resident has moved on); a notice queues behind it. Silent (never throwing) when the platform has
 * no speech synthesis or no voice for the language: the words are on screen anyway.
 * Returns whether speech was started.
 */
export function speak(text: string, lang: Lang, settings: VoiceSettings = DEFAULT_VOICE, mode: 'interrupt' | 'queue' = 'interrupt'): boolean {
  try {
    const found = engine();
    if (!found || settings.muted || text.trim() === '') return false;
    const voice = voiceFor(found.synth, lang);
    if (!voice) return false;
    const utterance = new found.Utterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = settings.slow ? 0.75 : 1;
    utterance.volume = VOLUME[settings.volume];
    if (mode === 'interrupt') found.synth.cancel();
    found.synth.speak(utterance);
    return true;
  } catch {
    return false;
  }
}

/** Stops any speech (the idle wipe: the next person must not hear the last one's screen). */
export function stopSpeaking(): void {
  try {
    engine()?.synth.cancel();
  } catch {
    // Nothing to stop.
  }
}
