import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { FakeAudio } from './fake-audio.test-support';
import { resetRecordingsForTests, setVoiceManifest } from './recordings';
import { chime, onStopSpeaking, speak, stopSpeaking } from './speak';
import type { VoiceManifest } from './voice-manifest';

type G = { speechSynthesis?: unknown; SpeechSynthesisUtterance?: unknown };
const g = globalThis as G;
const saved = { synth: g.speechSynthesis, utterance: g.SpeechSynthesisUtterance };

const manifest: VoiceManifest = {
  version: 1,
  phrases: { 'zh-CN': { '您好': 'hello-zh.ogg', '读卡失败。': 'fail.ogg', '请重新放卡。': 'again.ogg' }, en: { Hello: 'hello-en.ogg' } },
};

beforeEach(() => {
  FakeAudio.reset();
  vi.stubGlobal('Audio', FakeAudio);
  setVoiceManifest(manifest);
});

afterEach(() => {
  stopSpeaking();
  vi.unstubAllGlobals();
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

const played = () => FakeAudio.made.map((a) => a.src);

describe('speak: the platform voice first', () => {
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
    // A voice exists, so no recording was touched.
    expect(played()).toEqual([]);
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

describe('speak: then the build-time recording', () => {
  test('without a voice for the language the recording plays, slower and at the chosen volume', () => {
    const engine = fakeEngine([{ lang: 'en-GB', name: 'en' }]);
    expect(speak('您好', 'zh-CN', { slow: true, muted: false, volume: 'low' })).toBe(true);
    expect(engine.spoken).toEqual([]);
    expect(played()).toEqual(['voice/hello-zh.ogg']);
    expect(FakeAudio.made[0]).toMatchObject({ playbackRate: 0.75, volume: 0.4, paused: false });
    // English has a voice: the engine speaks and the Chinese recording is cut off.
    expect(speak('Hello', 'en')).toBe(true);
    expect(engine.spoken.map((u) => u.text)).toEqual(['Hello']);
    expect(FakeAudio.playing()).toEqual([]);
  });

  test('without any speech synthesis the recording plays too', () => {
    delete g.speechSynthesis;
    delete g.SpeechSynthesisUtterance;
    expect(speak('Hello', 'en')).toBe(true);
    expect(played()).toEqual(['voice/hello-en.ogg']);
    expect(FakeAudio.made[0]?.playbackRate).toBe(1);
  });

  test('joined phrases play in turn; a queued one waits; a prompt interrupts', () => {
    delete g.speechSynthesis;
    expect(speak('读卡失败。 请重新放卡。', 'zh-CN')).toBe(true);
    expect(played()).toEqual(['voice/fail.ogg']);
    expect(speak('您好', 'zh-CN', undefined, 'queue')).toBe(true);
    expect(played()).toEqual(['voice/fail.ogg']);
    FakeAudio.made[0]?.end();
    expect(played()).toEqual(['voice/fail.ogg', 'voice/again.ogg']);
    FakeAudio.made[1]?.end();
    expect(played()).toEqual(['voice/fail.ogg', 'voice/again.ogg', 'voice/hello-zh.ogg']);
    speak('读卡失败。', 'zh-CN');
    expect(FakeAudio.playing().map((a) => a.src)).toEqual(['voice/fail.ogg']);
  });

  test('a recording that cannot play is skipped once, and the next one plays', async () => {
    delete g.speechSynthesis;
    speak('读卡失败。 请重新放卡。 您好', 'zh-CN');
    const broken = FakeAudio.made[0];
    broken?.fail();
    broken?.end();
    expect(played()).toEqual(['voice/fail.ogg', 'voice/again.ogg']);
  });

  test('silent when muted, when neither a voice nor a recording exists, or with no manifest', () => {
    const engine = fakeEngine([{ lang: 'en-GB', name: 'en' }]);
    expect(speak('您好', 'zh-CN', { slow: false, muted: true, volume: 'medium' })).toBe(false);
    expect(speak('Hello', 'en', { slow: false, muted: true, volume: 'medium' })).toBe(false);
    expect(speak('请取走您的身份证，张三', 'zh-CN')).toBe(false);
    setVoiceManifest(null);
    expect(speak('您好', 'zh-CN')).toBe(false);
    expect(engine.spoken).toEqual([]);
    expect(played()).toEqual([]);
  });

  test('the first prompt waits for the manifest, then plays; a later prompt replaces it', async () => {
    delete g.speechSynthesis;
    let answer!: (r: Response) => void;
    const fetched: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      return new Promise<Response>((resolve) => (answer = resolve));
    });
    // A fresh start: the manifest not yet asked for.
    resetRecordingsForTests();
    expect(speak('Hello', 'en')).toBe(true);
    expect(speak('您好', 'zh-CN')).toBe(true);
    expect(fetched).toEqual(['voice/manifest.json']);
    answer(new Response(JSON.stringify(manifest)));
    await vi.waitFor(() => expect(played()).toEqual(['voice/hello-zh.ogg']));
  });

  test('stopSpeaking silences recordings and the chime and tells reminders to stop', () => {
    delete g.speechSynthesis;
    const stopped = vi.fn();
    const unsubscribe = onStopSpeaking(stopped);
    speak('您好', 'zh-CN');
    expect(chime({ slow: false, muted: false, volume: 'high' })).toBe(true);
    expect(FakeAudio.made.find((a) => a.src === 'voice/chime.wav')?.volume).toBe(1);
    expect(FakeAudio.playing()).toHaveLength(2);
    stopSpeaking();
    expect(FakeAudio.playing()).toEqual([]);
    expect(stopped).toHaveBeenCalledTimes(1);
    unsubscribe();
    stopSpeaking();
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(chime({ slow: false, muted: true, volume: 'high' })).toBe(false);
  });
});
