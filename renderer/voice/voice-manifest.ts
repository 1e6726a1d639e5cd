import type { Lang } from '../i18n/i18n';

/**
 * dist/renderer/voice/manifest.json, written by scripts/voice/build-voice.ts: the recordings made
 * at build time of the kiosk's fixed phrases, for platforms with no speech voice for a language
 * (Debian's Chromium has none for Chinese). Paths are relative to the manifest's folder.
 */
export type VoiceManifest = {
  version: 1;
  /** Exact phrase text → recording, per language. */
  phrases: Record<Lang, Record<string, string>>;
};

/** Where the renderer finds the manifest, relative to index.html. */
export const VOICE_DIR = 'voice/';
export const MANIFEST_FILE = 'manifest.json';
/** The "take your card" chime, synthesized by the same build step; it needs no voice. */
export const CHIME_FILE = 'chime.wav';

const isManifest = (value: unknown): value is VoiceManifest => {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<VoiceManifest>;
  return v.version === 1 && typeof v.phrases === 'object' && v.phrases !== null;
};

/** The manifest, or null when the build made none or it cannot be read (then the kiosk is silent). */
export function parseManifest(value: unknown): VoiceManifest | null {
  return isManifest(value) ? value : null;
}

/**
 * The recordings that say `text`, in order, or null. A screen often speaks several table strings
 * joined by spaces (an error's message and what to do next), so the text is matched as a run of
 * recorded phrases, longest first. Only a complete match plays: half a sentence would mislead.
 */
export function recordingsFor(manifest: VoiceManifest, lang: Lang, text: string): string[] | null {
  const table = manifest.phrases[lang] ?? {};
  const whole = text.trim();
  const exact = table[whole];
  if (exact) return [exact];
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  const out: string[] = [];
  let at = 0;
  while (at < whole.length) {
    const key = keys.find((k) => whole.startsWith(k, at) && (at + k.length === whole.length || whole[at + k.length] === ' '));
    if (!key) return null;
    out.push(table[key] ?? '');
    at += key.length;
    while (whole[at] === ' ') at++;
  }
  return out.length > 0 ? out : null;
}
