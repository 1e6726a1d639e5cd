import { describe, expect, test } from 'vitest';
import { parseManifest, recordingsFor, type VoiceManifest } from './voice-manifest';

const manifest: VoiceManifest = {
  version: 1,
  phrases: {
    'zh-CN': { '读卡失败。': 'a.ogg', '请重新放卡。': 'b.ogg', '读卡失败。请重新': 'c.ogg' },
    en: { 'Reading failed.': 'd.ogg', 'Please try again.': 'e.ogg', Please: 'f.ogg' },
  },
};

describe('recordingsFor', () => {
  test('a recorded phrase plays its own recording', () => {
    expect(recordingsFor(manifest, 'zh-CN', '读卡失败。')).toEqual(['a.ogg']);
    expect(recordingsFor(manifest, 'en', '  Please try again. ')).toEqual(['e.ogg']);
  });

  test('phrases joined by spaces (an error and what to do next) play one after the other', () => {
    expect(recordingsFor(manifest, 'zh-CN', '读卡失败。 请重新放卡。')).toEqual(['a.ogg', 'b.ogg']);
    expect(recordingsFor(manifest, 'en', 'Reading failed. Please try again.')).toEqual(['d.ogg', 'e.ogg']);
  });

  test('a phrase only matches up to a word boundary', () => {
    // "读卡失败。请重新" is a key, but the text goes on without a space after it.
    expect(recordingsFor(manifest, 'zh-CN', '读卡失败。请重新放卡。')).toBeNull();
  });

  test('anything not fully recorded stays silent, and languages never mix', () => {
    expect(recordingsFor(manifest, 'zh-CN', '读卡失败。 张三')).toBeNull();
    expect(recordingsFor(manifest, 'en', '读卡失败。')).toBeNull();
    expect(recordingsFor(manifest, 'en', '')).toBeNull();
  });

  test('parseManifest accepts only the version it knows', () => {
    expect(parseManifest(manifest)).toBe(manifest);
    expect(parseManifest({ version: 2, phrases: {} })).toBeNull();
    expect(parseManifest('nope')).toBeNull();
    expect(parseManifest(null)).toBeNull();
  });
});
