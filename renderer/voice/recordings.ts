import type { Lang } from '../i18n/i18n';
import { CHIME_FILE, MANIFEST_FILE, parseManifest, recordingsFor, VOICE_DIR, type VoiceManifest } from './voice-manifest';

// Plays the recordings made at build time (scripts/voice/) through HTMLAudioElement: the voice of
// a platform that has no speech synthesis voice for the language. One phrase plays at a time;
// a prompt interrupts, a notice or reminder queues.

export type Playback = { rate: number; volume: number };
type Request = { files: string[]; playback: Playback };

/** undefined: not asked for yet; null: there is none (then the kiosk is silent). */
let manifest: VoiceManifest | null | undefined;
let loading: Promise<void> | undefined;
/** Asked for while the manifest was loading; said once it is there. */
let waiting: { text: string; lang: Lang; playback: Playback; mode: 'interrupt' | 'queue' }[] = [];
let queue: Request[] = [];
let current: HTMLAudioElement | undefined;
let currentFiles: string[] | undefined;
let chime: HTMLAudioElement | undefined;
/** Bumped by every interruption, so a stale 'ended' cannot start the next phrase. */
let generation = 0;

function newAudio(file: string): HTMLAudioElement | undefined {
  const Ctor = (globalThis as { Audio?: typeof Audio }).Audio;
  return Ctor ? new Ctor(`${VOICE_DIR}${file}`) : undefined;
}

function start(audio: HTMLAudioElement, onDone: () => void): void {
  // A broken file can both fire 'error' and reject play(): move on once.
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    onDone();
  };
  audio.addEventListener('ended', finish, { once: true });
  audio.addEventListener('error', finish, { once: true });
  // Refused (autoplay policy before the first touch, no audio device): the words are on screen.
  void Promise.resolve(audio.play()).catch(finish);
}

function playFile(request: Request, index: number, gen: number): void {
  const file = request.files[index];
  if (gen !== generation) return;
  if (file === undefined) {
    current = undefined;
    currentFiles = undefined;
    const next = queue.shift();
    if (next) playFile(next, 0, gen);
    return;
  }
  const audio = newAudio(file);
  if (!audio) return;
  audio.volume = request.playback.volume;
  audio.playbackRate = request.playback.rate;
  current = audio;
  currentFiles = request.files;
  start(audio, () => playFile(request, index + 1, gen));
}

function enqueue(request: Request, mode: 'interrupt' | 'queue'): void {
  if (mode === 'interrupt' || !current) {
    interruptPhrases();
    playFile(request, 0, generation);
    return;
  }
  // A reminder repeating faster than it is heard must not pile up.
  const same = (files: string[] | undefined) => files?.join() === request.files.join();
  if (same(currentFiles) || queue.some((r) => same(r.files))) return;
  queue.push(request);
}

function loadManifest(): Promise<void> {
  loading ??= (async () => {
    try {
      const response = await fetch(`${VOICE_DIR}${MANIFEST_FILE}`);
      manifest = response.ok ? parseManifest(await response.json()) : null;
    } catch {
      manifest = null;
    }
    const asked = waiting;
    waiting = [];
    for (const w of asked) playRecorded(w.text, w.lang, w.playback, w.mode);
  })();
  return loading;
}

/** Tests (and a host that already has the manifest): use this one instead of fetching. */
export function setVoiceManifest(value: VoiceManifest | null): void {
  stopRecordings();
  manifest = value;
  loading = Promise.resolve();
}

/** Tests: back to a fresh start, the manifest not yet asked for. */
export function resetRecordingsForTests(): void {
  stopRecordings();
  manifest = undefined;
  loading = undefined;
}

/**
 * Plays the recording(s) of `text`. Returns false when there are none; true when playing, queued,
 * or waiting for the manifest to load (the first prompt after start).
 */
export function playRecorded(text: string, lang: Lang, playback: Playback, mode: 'interrupt' | 'queue' = 'interrupt'): boolean {
  if (manifest === undefined) {
    if (mode === 'interrupt') interruptPhrases();
    waiting.push({ text, lang, playback, mode });
    void loadManifest();
    return true;
  }
  const files = manifest ? recordingsFor(manifest, lang, text) : null;
  if (!files) {
    if (mode === 'interrupt') interruptPhrases();
    return false;
  }
  enqueue({ files, playback }, mode);
  return true;
}

/** The reminder chime, on its own element so it never cuts a phrase off. Needs no voice. */
export function playChime(volume: number): boolean {
  const audio = newAudio(CHIME_FILE);
  if (!audio) return false;
  chime?.pause();
  chime = audio;
  audio.volume = volume;
  void Promise.resolve(audio.play()).catch(() => undefined);
  return true;
}

/** Cuts off the phrase playing and those queued or waiting (a new prompt); the chime rings on. */
export function interruptPhrases(): void {
  generation++;
  queue = [];
  waiting = [];
  const playing = current;
  current = undefined;
  currentFiles = undefined;
  playing?.pause();
}

/** Silences every recording, the chime too, and forgets what was queued or waiting (the wipe). */
export function stopRecordings(): void {
  interruptPhrases();
  chime?.pause();
  chime = undefined;
}
