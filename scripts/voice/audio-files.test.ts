import { describe, expect, test } from 'vitest';
import { chimeSamples, readOggOpusInfo, readWavInfo, wavFile } from './audio-files';

describe('audio files', () => {
  test('a WAV file reads back as what was written', () => {
    const info = readWavInfo(wavFile(new Int16Array(22_050), 22_050));
    expect(info).toEqual({ format: 1, channels: 1, sampleRate: 22_050, bitsPerSample: 16, seconds: 1 });
  });

  test('the chime is a short, audible, unclipped sound', () => {
    const samples = chimeSamples(22_050);
    const seconds = samples.length / 22_050;
    expect(seconds).toBeGreaterThan(0.5);
    expect(seconds).toBeLessThan(1);
    const peak = samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
    expect(peak).toBeGreaterThan(5_000);
    expect(peak).toBeLessThan(32_767);
  });

  test('anything else is refused', () => {
    expect(() => readWavInfo(Buffer.from('RIFF....WAVEjunk'))).toThrow(/no data chunk/);
    expect(() => readWavInfo(Buffer.from('not audio at all'))).toThrow(/RIFF/);
    expect(() => readOggOpusInfo(Buffer.from('not audio at all'))).toThrow(/Ogg/);
  });
});
