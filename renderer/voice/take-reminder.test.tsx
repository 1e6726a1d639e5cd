import { act } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SessionContext, type SessionApi } from '../app/session-context';
import type { Lang } from '../i18n/i18n';
import { render } from '../test-support/render';
import { FakeAudio } from './fake-audio.test-support';
import { setVoiceManifest } from './recordings';
import { stopSpeaking, type VoiceSettings } from './speak';
import { CHIME_LEAD_MS, REMINDER_EVERY_MS, useTakeReminder, type TakeKind } from './take-reminder';

// The hook against the real speak() and recordings (Debian Chromium's case: no Chinese voice),
// with a fake audio element and fake timers.
const manifest = { version: 1 as const, phrases: { 'zh-CN': { '请记得取回您的卡片。': 'card-zh.ogg', '请取走您的凭条。': 'ticket-zh.ogg' }, en: { 'Please take your printed document.': 'doc-en.ogg' } } };

function Reminder({ kind, active }: { kind: TakeKind; active: boolean }) {
  useTakeReminder(kind, active);
  return null;
}

function session(lang: Lang, voice: VoiceSettings): SessionApi {
  return { lang, voice } as SessionApi;
}

async function mount(kind: TakeKind, active: boolean, lang: Lang = 'zh-CN', voice: VoiceSettings = { slow: false, muted: false, volume: 'medium' }) {
  const view = await render(
    <SessionContext.Provider value={session(lang, voice)}>
      <Reminder kind={kind} active={active} />
    </SessionContext.Provider>,
  );
  const rerender = (nextActive: boolean) =>
    act(() =>
      view.root.render(
        <SessionContext.Provider value={session(lang, voice)}>
          <Reminder kind={kind} active={nextActive} />
        </SessionContext.Provider>,
      ),
    );
  return { view, rerender };
}

const sources = () => FakeAudio.made.map((a) => a.src);
const advance = (ms: number) => act(() => void vi.advanceTimersByTime(ms));
/** One reminder: the chime, then the words once the chime has sounded. */
const finishPhrase = () => FakeAudio.made.filter((a) => a.src !== 'voice/chime.wav' && !a.paused).forEach((a) => a.end());

beforeEach(() => {
  vi.useFakeTimers();
  FakeAudio.reset();
  vi.stubGlobal('Audio', FakeAudio);
  delete (globalThis as { speechSynthesis?: unknown }).speechSynthesis;
  setVoiceManifest(manifest);
});

afterEach(() => {
  stopSpeaking();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('useTakeReminder', () => {
  test('chimes, then says the reminder, and repeats until the card is taken', async () => {
    const { view, rerender } = await mount('card', true);
    expect(sources()).toEqual(['voice/chime.wav']);
    advance(CHIME_LEAD_MS);
    expect(sources()).toEqual(['voice/chime.wav', 'voice/card-zh.ogg']);
    finishPhrase();
    advance(REMINDER_EVERY_MS - CHIME_LEAD_MS);
    expect(sources()).toEqual(['voice/chime.wav', 'voice/card-zh.ogg', 'voice/chime.wav']);
    advance(CHIME_LEAD_MS);
    expect(sources().filter((s) => s === 'voice/card-zh.ogg')).toHaveLength(2);
    finishPhrase();

    rerender(false);
    const count = FakeAudio.made.length;
    advance(REMINDER_EVERY_MS * 3);
    expect(FakeAudio.made).toHaveLength(count);
    view.unmount();
  });

  test('stops when the screen goes and when the session is wiped', async () => {
    const first = await mount('ticket', true);
    first.view.unmount();
    advance(REMINDER_EVERY_MS * 2);
    expect(sources()).toEqual(['voice/chime.wav']);

    FakeAudio.reset();
    const second = await mount('ticket', true);
    stopSpeaking();
    advance(REMINDER_EVERY_MS * 2);
    expect(sources()).toEqual(['voice/chime.wav']);
    expect(FakeAudio.playing()).toEqual([]);
    second.view.unmount();
  });

  test('inactive says nothing; muted says nothing; volume and language are the session’s', async () => {
    const idle = await mount('card', false);
    advance(REMINDER_EVERY_MS * 2);
    expect(sources()).toEqual([]);
    idle.view.unmount();

    const muted = await mount('card', true, 'zh-CN', { slow: true, muted: true, volume: 'high' });
    advance(REMINDER_EVERY_MS * 2);
    expect(sources()).toEqual([]);
    muted.view.unmount();

    const english = await mount('document', true, 'en', { slow: true, muted: false, volume: 'high' });
    advance(CHIME_LEAD_MS);
    expect(sources()).toEqual(['voice/chime.wav', 'voice/doc-en.ogg']);
    expect(FakeAudio.made.map((a) => a.volume)).toEqual([1, 1]);
    expect(FakeAudio.made[1]?.playbackRate).toBe(0.75);
    english.view.unmount();
  });

  test('a reminder repeating faster than it is heard does not pile up', async () => {
    const { view } = await mount('card', true);
    advance(REMINDER_EVERY_MS * 4);
    // The first phrase never ended: the repeats found it still playing and were dropped.
    expect(sources().filter((s) => s === 'voice/card-zh.ogg')).toHaveLength(1);
    finishPhrase();
    advance(REMINDER_EVERY_MS);
    expect(sources().filter((s) => s === 'voice/card-zh.ogg')).toHaveLength(2);
    view.unmount();
  });
});
