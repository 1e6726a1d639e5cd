import { describe, expect, test } from 'vitest';
import { placeholders } from './i18n';
import { voiceEn } from './voice-en';
import { voiceZhCN, type VoiceKey } from './voice-zh-CN';

// The reminders are recorded at build time, so they must stay fixed phrases (no placeholders).
describe('voice strings', () => {
  const keys = Object.keys(voiceZhCN) as VoiceKey[];

  test('both languages have the same keys, none empty, none with placeholders', () => {
    expect(Object.keys(voiceEn).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(voiceZhCN[key].trim(), key).not.toBe('');
      expect(voiceEn[key].trim(), key).not.toBe('');
      expect(placeholders(voiceZhCN[key]), key).toEqual([]);
      expect(placeholders(voiceEn[key]), key).toEqual([]);
    }
  });

  test('Chinese strings are Chinese and English strings are not', () => {
    const han = /\p{Script=Han}/u;
    for (const key of keys) {
      expect(han.test(voiceZhCN[key]), `zh ${key}`).toBe(true);
      expect(han.test(voiceEn[key]), `en ${key}`).toBe(false);
    }
  });
});
