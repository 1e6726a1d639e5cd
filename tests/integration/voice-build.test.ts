import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { VoiceManifest } from '../../renderer/voice/voice-manifest';
import { readOggOpusInfo, readWavInfo } from '../../scripts/voice/audio-files';
import { buildVoice, speakable, VOICES } from '../../scripts/voice/build-voice';
import { needs } from '../support/system';

// The voice build for real: Debian's espeak-ng and opusenc record a small pair of string tables,
// and the files are decoded to prove they are speech-length Ogg Opus audio.

const haveTools = needs('espeak-ng', 'espeak-ng') && needs('opusenc', 'opus-tools');

describe.skipIf(!haveTools)('voice build (espeak-ng + opusenc)', () => {
  let root: string;
  const out = () => join(root, 'dist');
  const cache = () => join(root, 'cache');
  // A new file name each time: a module once imported stays in this process's module cache.
  let version = 0;
  const tables = (zh: Record<string, unknown>) => {
    const dir = join(root, 'renderer', 'i18n');
    for (const file of readdirSync(dir)) rmSync(join(dir, file));
    version++;
    writeFileSync(join(dir, `demo${version}-zh-CN.ts`), `export const demoZhCN = ${JSON.stringify(zh)};\n`);
    writeFileSync(join(dir, `demo${version}-en.ts`), `export const demoEn = ${JSON.stringify({ a: 'Hello, please choose a service', b: 'Page {page}' })};\n`);
  };
  const build = () => buildVoice({ root, outDir: out(), cacheDir: cache(), requireTools: true });
  const manifest = () => JSON.parse(readFileSync(join(out(), 'voice', 'manifest.json'), 'utf8')) as VoiceManifest;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kiosk-voice-'));
    mkdirSync(join(root, 'renderer', 'i18n'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('records every fixed phrase in both languages, skips templates, and writes the chime', async () => {
    tables({ a: '您好，请点选要办理的事项', b: '第 {page} 页', errors: { X: { message: '读卡失败。', next: '请拨打 12345 热线。' } } });
    const result = await build();
    expect(result).toMatchObject({ phrases: 4, synthesized: 4, tools: true });
    const m = manifest();
    expect(Object.keys(m.phrases['zh-CN']).sort()).toEqual(['您好，请点选要办理的事项', '请拨打 12345 热线。', '读卡失败。'].sort());
    expect(Object.keys(m.phrases.en)).toEqual(['Hello, please choose a service']);

    const prompt = readOggOpusInfo(readFileSync(join(out(), 'voice', m.phrases['zh-CN']['您好，请点选要办理的事项'] ?? '')));
    expect(prompt.channels).toBe(1);
    // Twelve syllables of speech: seconds, not a click.
    expect(prompt.seconds).toBeGreaterThan(1.5);
    expect(prompt.seconds).toBeLessThan(15);
    const chime = readWavInfo(readFileSync(join(out(), 'voice', 'chime.wav')));
    expect(chime).toMatchObject({ format: 1, channels: 1, bitsPerSample: 16 });
    expect(chime.seconds).toBeGreaterThan(0.5);
  });

  test('a second build records only what changed; the output holds only the current phrases', async () => {
    tables({ a: '您好，请点选要办理的事项', c: '请取走您的凭条。' });
    const result = await build();
    expect(result).toMatchObject({ phrases: 3, synthesized: 1 });
    // The cache keeps what left the tables for a while (another build may still want it)…
    expect(readdirSync(cache())).toHaveLength(5);
    // …then forgets it.
    const longAgo = new Date(Date.now() - 30 * 24 * 3_600_000);
    for (const file of readdirSync(cache())) utimesSync(join(cache(), file), longAgo, longAgo);
    expect(await build()).toMatchObject({ phrases: 3, synthesized: 0 });
    expect(readdirSync(cache())).toHaveLength(3);
    expect(readdirSync(join(out(), 'voice')).sort()).toEqual([...Object.values(manifest().phrases['zh-CN']), ...Object.values(manifest().phrases.en), 'chime.wav', 'manifest.json'].sort());
  });

  test('Chinese is spoken as Mandarin syllables, not as pinyin letters read in English', () => {
    // Debian 12's `cmn` voice says 请 as "qing three" (an (en) switch); the chosen voice must not.
    const phonemes = (voice: string) => execFileSync('espeak-ng', ['-v', voice, '-q', '-x', '请拨打热线'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const mandarin = phonemes(VOICES['zh-CN']);
    expect(mandarin).not.toContain('(en)');
    // Five syllables, each with its tone contour (55, 35, 214/21, 51).
    expect(mandarin.match(/'[^_|]*?\d{2,3}/g)).toHaveLength(5);
  });

  test('long numbers are read digit by digit', () => {
    expect(speakable('请拨打 12345 热线，第 12 号')).toBe('请拨打 1 2 3 4 5 热线，第 12 号');
  });
});
