import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { VoiceManifest } from '../../renderer/voice/voice-manifest';
import { readOggOpusInfo } from '../../scripts/voice/audio-files';
import { openBrowser, PORTRAIT, type Browser } from '../support/browser';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { needs } from '../support/system';
import { waitUntil } from '../support/wait-until';
import { KioskPage } from './kiosk-page';

// The voice end to end: Debian's Chromium has no Chinese speech voice, so every prompt must come
// from the recordings the build made (dist/renderer/voice/). Each HTMLMediaElement.play() is
// observed in the page: which file, how fast, how loud, whether Chromium really decoded and played
// it to the end. Mute silences it; elderly mode slows it.

type Play = { src: string; rate: number; volume: number; outcome: string; duration: number | null; ended: boolean };

const dist = join(new URL('../../', import.meta.url).pathname, 'dist', 'renderer', 'voice');
const HELP_PROMPT = '怎样使用这台自助机';
const HOME_PROMPT = '您好，请点选要办理的事项';
const TAKE_DOCUMENT = '请取走打印好的材料。';
const TAKE_CARD = '请记得取回您的卡片。';
/** renderer/voice/take-reminder.ts: REMINDER_EVERY_MS + CHIME_LEAD_MS, and a margin. */
const REMINDER_CYCLE_MS = 6_000 + 800 + 1_500;

/** Runs in the page before its scripts: wraps play() to record every playback and its fate. */
function observePlays(): void {
  type Media = { src: string; currentSrc: string; playbackRate: number; volume: number; duration: number; addEventListener(type: string, fn: () => void): void };
  const g = globalThis as unknown as { __plays: Play[]; HTMLMediaElement: { prototype: { play(this: Media): Promise<void> } } };
  const plays: Play[] = [];
  g.__plays = plays;
  const original = g.HTMLMediaElement.prototype.play;
  g.HTMLMediaElement.prototype.play = function (this: Media) {
    const entry: Play = { src: this.src, rate: this.playbackRate, volume: this.volume, outcome: 'pending', duration: null, ended: false };
    plays.push(entry);
    this.addEventListener('loadedmetadata', () => (entry.duration = this.duration));
    this.addEventListener('ended', () => (entry.ended = true));
    const started = original.call(this);
    started.then(
      () => (entry.outcome = 'playing'),
      (e: { name?: string }) => (entry.outcome = e.name ?? 'failed'),
    );
    return started;
  };
}

describe.skipIf(!needs('chromium', 'chromium'))('voice prompts from build-time recordings (Chromium, browser shell)', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let ui: KioskPage;
  let manifest: VoiceManifest;

  const plays = () => browser.page.evaluate(() => (globalThis as unknown as { __plays: Play[] }).__plays.map((p) => ({ ...p })));
  const fileOf = (text: string) => {
    const file = manifest.phrases['zh-CN'][text];
    if (!file) throw new Error(`no recording of ${text}`);
    return file;
  };
  /** The first play of `file` after the first `from` plays, once Chromium has played it to its end. */
  async function played(file: string, from = 0): Promise<Play> {
    let found: Play | undefined;
    await waitUntil(
      async () => {
        found = (await plays()).slice(from).find((p) => p.src.endsWith(`/voice/${file}`));
        return found?.ended === true;
      },
      60_000,
      `recording ${file} played to its end`,
    );
    return found!;
  }

  beforeAll(async () => {
    manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as VoiceManifest;
    kiosk = await startKioskProcess();
    browser = await openBrowser(PORTRAIT);
    await browser.page.addInitScript(observePlays);
    ui = new KioskPage(browser.page);
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  test('the recordings are real speech: a prompt decodes to seconds of Ogg Opus', () => {
    const info = readOggOpusInfo(readFileSync(join(dist, fileOf(HELP_PROMPT))));
    expect(info.channels).toBe(1);
    expect(info.seconds).toBeGreaterThan(1);
    expect(Object.keys(manifest.phrases['zh-CN']).length).toBeGreaterThan(100);
    expect(Object.keys(manifest.phrases.en).length).toBeGreaterThan(100);
  });

  test('Chromium has no Chinese voice, so a prompt plays its recording, to the end', async () => {
    await ui.open(kiosk.url);
    const voices = await browser.page.evaluate(() => (globalThis as unknown as { speechSynthesis: { getVoices(): { lang: string }[] } }).speechSynthesis.getVoices().map((v) => v.lang));
    expect(voices.filter((lang) => lang.toLowerCase().startsWith('zh'))).toEqual([]);

    // A tap is the user activation Chromium's autoplay policy asks for (Electron's window needs none).
    await ui.tap('nav-help');
    const help = await played(fileOf(HELP_PROMPT));
    expect(help).toMatchObject({ outcome: 'playing', rate: 1, volume: 0.7, ended: true });
    expect(help.duration).toBeGreaterThan(1);
  });

  test('the reminder chime is served and Chromium decodes it', async () => {
    const seconds = await browser.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const g = globalThis as unknown as { Audio: new (src: string) => { duration: number; addEventListener(type: string, fn: () => void): void } };
          const audio = new g.Audio('voice/chime.wav');
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
          audio.addEventListener('error', () => reject(new Error('chime did not load')));
        }),
    );
    expect(seconds).toBeGreaterThan(0.5);
  });

  test('elderly mode slows it; muted it is silent until sound is switched back on', async () => {
    const beforeHome = (await plays()).length;
    await ui.tap('nav-home');
    expect((await played(fileOf(HOME_PROMPT), beforeHome)).rate).toBe(1);
    const beforeElderly = (await plays()).length;
    await ui.tap('nav-elderly');
    // The new settings speak the screen's prompt again, slower.
    const home = await played(fileOf(HOME_PROMPT), beforeElderly);
    expect(home).toMatchObject({ outcome: 'playing', rate: 0.75 });

    await ui.tap('nav-sound');
    expect(await ui.byTestId('nav-sound').getAttribute('aria-pressed')).toBe('false');
    const mark = (await plays()).length;
    await ui.tap('nav-help');
    await ui.byTestId('help').waitFor();
    await ui.tap('nav-home');
    await ui.byTestId('home').waitFor();
    await ui.tap('nav-help');
    // Switching sound back on speaks the screen's prompt again: it must be the first play since muting.
    await ui.tap('nav-sound');
    const again = await played(fileOf(HELP_PROMPT), mark);
    // Muted, the two help prompts and the home prompt in between said nothing: the only prompt
    // since muting is the one after sound came back.
    const since = (await plays()).slice(mark).map((p) => p.src.slice(p.src.lastIndexOf('/') + 1));
    expect(since.filter((f) => f === fileOf(HELP_PROMPT) || f === fileOf(HOME_PROMPT))).toEqual([fileOf(HELP_PROMPT)]);
    expect(since[0]).toBe(fileOf(HELP_PROMPT));
    expect(again).toMatchObject({ outcome: 'playing', rate: 0.75, ended: true });
  });

  test('after a certificate prints: chime, "take your document" and "take your card", repeated until each is taken', async () => {
    const invoke = (channel: string, input: unknown) => ui.invoke(channel, input);
    const control = async (action: Record<string, unknown>) => expect(await invoke('simulator.control', action)).toMatchObject({ ok: true });
    const filesSince = async (mark: number) => (await plays()).slice(mark).map((p) => p.src.slice(p.src.lastIndexOf('/') + 1));
    const sleep = (ms: number) => browser.page.waitForTimeout(ms);

    await ui.open(kiosk.url);
    await ui.waitForDevice('page-printer');
    await ui.tap('tile-certificates');
    await ui.byTestId('identify').waitFor();
    await control({ action: 'insertIdCard', residentId: 'R001' });
    await ui.byTestId('certificates').waitFor();
    await ui.tap('cert-household');
    await browser.page.locator('[data-testid="pdf-preview"][data-phase="ready"]').waitFor({ timeout: 60_000 });
    const mark = (await plays()).length;
    await ui.tap('cert-print');
    await ui.byTestId('certificate-done').waitFor({ timeout: 100_000 });

    // Both reminders, each after the chime, played by Chromium to their end, at the normal rate.
    const document = await played(fileOf(TAKE_DOCUMENT), mark);
    const card = await played(fileOf(TAKE_CARD), mark);
    expect(document).toMatchObject({ outcome: 'playing', rate: 1 });
    expect(card).toMatchObject({ outcome: 'playing', rate: 1 });
    const order = await filesSince(mark);
    expect(order.indexOf('chime.wav')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('chime.wav')).toBeLessThan(order.indexOf(fileOf(TAKE_DOCUMENT)));
    // Someone who turned away hears it again.
    await waitUntil(async () => (await filesSince(mark)).filter((f) => f === fileOf(TAKE_DOCUMENT)).length >= 2, 30_000, 'document reminder repeated');

    // The card taken: its reminder stops (one already queued may still finish), the document's goes on.
    await control({ action: 'removeIdCard' });
    await ui.byTestId('take-card').waitFor({ state: 'detached', timeout: 15_000 });
    await sleep(3_000);
    const afterCard = (await plays()).length;
    await sleep(REMINDER_CYCLE_MS);
    const sinceCard = await filesSince(afterCard);
    expect(sinceCard).not.toContain(fileOf(TAKE_CARD));
    expect(sinceCard).toContain(fileOf(TAKE_DOCUMENT));

    // Done: silence.
    await ui.tap('cert-finish');
    await ui.byTestId('home').waitFor();
    await sleep(3_000);
    const afterFinish = (await plays()).length;
    await sleep(REMINDER_CYCLE_MS);
    const sinceFinish = await filesSince(afterFinish);
    expect(sinceFinish.filter((f) => f === 'chime.wav' || f === fileOf(TAKE_CARD) || f === fileOf(TAKE_DOCUMENT))).toEqual([]);
  }, 240_000);
});
