import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { CHIME_FILE, MANIFEST_FILE, type VoiceManifest } from '../../renderer/voice/voice-manifest';
import { chimeSamples, wavFile } from './audio-files';
import { collectPhrases, type Phrase, type VoiceLang } from './phrases';

// Records the kiosk's fixed phrases at build time, offline, with Debian's espeak-ng (speech) and
// opusenc (Ogg Opus, ~3 KB per second of speech), into dist/renderer/voice/ with a manifest the
// renderer reads when the platform has no speech voice for the language. Recordings are cached
// (node_modules/.cache/kiosk-voice/) by a hash of RECIPE, language and text, so a build only
// synthesizes new or changed phrases: a cold cache costs about a minute of CPU for ~850 phrases,
// a warm one about a second.

/** Bump when anything below (voices, speed, bitrate, speakable()) changes, so the cache is made again. */
const RECIPE = 'espeak-ng/opus-20k/v1';
export const VOICES: Record<VoiceLang, string> = {
  // Debian 12's espeak-ng 1.51 `cmn` voice reads Chinese as pinyin with English tone numbers
  // ("qing three"); `cmn-latn-pinyin` speaks the same dictionary as Mandarin.
  'zh-CN': 'cmn-latn-pinyin',
  en: 'en-us',
};
const WORDS_PER_MINUTE = 160;
const BITRATE_KBPS = 20;
/** Cached recordings no build has used for this long are deleted (not sooner: builds may run side by side). */
const CACHE_KEEP_MS = 7 * 24 * 3_600_000;

export type VoiceBuildOptions = {
  /** The repository (renderer/i18n/ is read from it). */
  root: string;
  /** Where the renderer was built; recordings go to <outDir>/voice/. */
  outDir: string;
  cacheDir: string;
  /** With tools missing: true throws (CI), false builds a manifest without phrases (silent kiosk). */
  requireTools: boolean;
  log?: (line: string) => void;
};

export type VoiceBuildResult = { phrases: number; synthesized: number; bytes: number; ms: number; tools: boolean };

export const recordingName = (phrase: Phrase): string =>
  `${createHash('sha256').update(`${RECIPE}\n${phrase.lang}\n${phrase.text}`).digest('hex').slice(0, 20)}.ogg`;

/** What the synthesizer reads: long numbers (hotlines, codes) digit by digit, as people say them. */
export function speakable(text: string): string {
  return text.replace(/\d{4,}/g, (digits) => digits.split('').join(' '));
}

function hasTool(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(name, ['--help'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', () => resolve(true));
  });
}

/** espeak-ng's WAV on stdout, piped into opusenc. */
function synthesize(phrase: Phrase, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, LC_ALL: 'C.UTF-8' };
    const speech = spawn('espeak-ng', ['-v', VOICES[phrase.lang], '-s', String(WORDS_PER_MINUTE), '--stdin', '--stdout'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const encoder = spawn('opusenc', ['--quiet', '--speech', '--bitrate', String(BITRATE_KBPS), '--comp', '5', '-', out], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    speech.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    encoder.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    speech.stdout.pipe(encoder.stdin);
    speech.stdin.end(speakable(phrase.text));
    let pending = 2;
    const done = (code: number | null) => {
      if (code !== 0) reject(new Error(`recording "${phrase.text}" failed (${code}): ${errors}`));
      else if (--pending === 0) resolve();
    };
    speech.on('error', reject).on('exit', done);
    encoder.on('error', reject).on('exit', done);
  });
}

async function inParallel<T>(items: T[], workers: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker));
}

export async function buildVoice(options: VoiceBuildOptions): Promise<VoiceBuildResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const voiceDir = join(options.outDir, 'voice');
  rmSync(voiceDir, { recursive: true, force: true });
  mkdirSync(voiceDir, { recursive: true });
  mkdirSync(options.cacheDir, { recursive: true });

  const manifest: VoiceManifest = { version: 1, phrases: { 'zh-CN': {}, en: {} } };
  writeFileSync(join(voiceDir, CHIME_FILE), wavFile(chimeSamples(), 22_050));

  const tools = (await hasTool('espeak-ng')) && (await hasTool('opusenc'));
  const phrases = tools ? await collectPhrases(join(options.root, 'renderer', 'i18n')) : [];
  if (!tools) {
    const message = 'voice: espeak-ng or opusenc is missing (apt-get install espeak-ng opus-tools): no recordings, the kiosk speaks only where the platform has a voice';
    if (options.requireTools) throw new Error(message);
    log(message);
  }

  const wanted = new Set(phrases.map(recordingName));
  const missing = phrases.filter((p) => !existsSync(join(options.cacheDir, recordingName(p))));
  await inParallel(missing, availableParallelism(), async (phrase) => {
    const name = recordingName(phrase);
    // Per process: two builds at once (several checkouts' tools, a watcher) must not share a file.
    const partial = join(options.cacheDir, `${name}.${process.pid}.partial`);
    await synthesize(phrase, partial);
    renameSync(partial, join(options.cacheDir, name));
  });

  let bytes = statSync(join(voiceDir, CHIME_FILE)).size;
  const now = new Date();
  for (const phrase of phrases) {
    const name = recordingName(phrase);
    copyFileSync(join(options.cacheDir, name), join(voiceDir, name));
    utimesSync(join(options.cacheDir, name), now, now);
    bytes += statSync(join(voiceDir, name)).size;
    manifest.phrases[phrase.lang][phrase.text] = name;
  }
  writeFileSync(join(voiceDir, MANIFEST_FILE), JSON.stringify(manifest));
  // Phrases that left the tables (and interrupted runs' partial files) leave the cache once stale.
  for (const file of readdirSync(options.cacheDir)) {
    const info = statSync(join(options.cacheDir, file), { throwIfNoEntry: false });
    if (!wanted.has(file) && info && now.getTime() - info.mtimeMs > CACHE_KEEP_MS) rmSync(join(options.cacheDir, file), { force: true });
  }

  const result = { phrases: phrases.length, synthesized: missing.length, bytes, ms: Math.round(performance.now() - started), tools };
  log(`voice: ${result.phrases} phrases (${result.synthesized} synthesized), ${(bytes / 1_048_576).toFixed(1)} MB, ${result.ms} ms`);
  return result;
}
