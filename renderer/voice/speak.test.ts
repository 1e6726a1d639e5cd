import { afterEach, describe, expect, test } from 'vitest';
import { speak, stopSpeaking } from './speak';

type G = { speechSynthesis?: unknown; SpeechSynthesisUtterance?: unknown };
const g = globalThis as G;
const saved = { synth: g.speechSynthesis, utterance: g.SpeechSynthesisUtterance };
afterEach(() => {
  g.speechSynthesis = saved.synth;
  g.SpeechSynthesisUtterance = saved.utterance;
});

class FakeUtterance {
  voice: unknown = null;
  lang = '';
  rate = 1;
  volume = 1;
  constructor(readonly text: string) {}
}

function fakeEngine(voices: { lang: string; name: string }[]) {
  const spoken: FakeUtterance[] = [];
  let cancels = 0;
  g.SpeechSynthesisUtterance = FakeUtterance;
  g.speechSynthesis = {
    getVoices: () => voices,
    speak: (u: FakeUtterance) => spoken.push(u),
    cancel: () => void cancels++,
  };
  return { spoken, cancels: () => cancels };
}

describe('speak', () => {
  test('without speech synthesis it does nothing and never throws', () => {
    delete g.speechSynthesis;
    delete g.SpeechSynthesisUtterance;
    expect(speak('您好', 'zh-CN')).toBe(false);
    expect(() => stopSpeaking()).not.toThrow();
  });

  test('picks a voice of the language, slower in elderly mode, at the chosen volume', () => {
    const engine = fakeEngine([
      { lang: 'en-US', name: 'en' },
      { lang: 'zh-CN', name: 'zh' },
    ]);
    expect(speak('您好', 'zh-CN', { slow: true, muted: false, volume: 'high' })).toBe(true);
    expect(speak('Hello', 'en', { slow: false, muted: false, volume: 'low' })).toBe(true);
    const [zh, en] = engine.spoken;
    expect(zh).toMatchObject({ text: '您好', lang: 'zh-CN', volume: 1 });
    expect(en).toMatchObject({ text: 'Hello', lang: 'en-US' });
    expect(zh?.rate).toBeLessThan(en?.rate ?? 0);
    expect(en?.volume).toBeLessThan(zh?.volume ?? 0);
    // Each new prompt replaces the one before.
    expect(engine.cancels()).toBe(2);
    // A notice waits its turn instead.
    expect(speak('网络暂时中断', 'zh-CN', { slow: false, muted: false, volume: 'medium' }, 'queue')).toBe(true);
    expect(engine.cancels()).toBe(2);
    expect(engine.spoken.at(-1)?.text).toBe('网络暂时中断');
  });

  test('stays silent when muted or when no voice speaks the language', () => {
    const engine = fakeEngine([{ lang: 'en-GB', name: 'en' }]);
    expect(speak('您好', 'zh-CN')).toBe(false);
    expect(speak('Hello', 'en', { slow: false, muted: true, volume: 'medium' })).toBe(false);
    expect(engine.spoken).toEqual([]);
  });

  test('a failing engine is swallowed', () => {
    g.SpeechSynthesisUtterance = FakeUtterance;
    g.speechSynthesis = {
      getVoices: () => {
        throw new Error('boom');
      },
      cancel: () => {
        throw new Error('boom');
      },
    };
    expect(speak('您好', 'zh-CN')).toBe(false);
    expect(() => stopSpeaking()).not.toThrow();
  });
});
