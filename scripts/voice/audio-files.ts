// The two audio formats the voice build writes, and readers for their headers so tests (and the
// build's own summary) can prove a file is real audio of a given length, not just some bytes.

export type WavInfo = { format: number; channels: number; sampleRate: number; bitsPerSample: number; seconds: number };

/** 16-bit mono PCM WAV. */
export function wavFile(samples: Int16Array, sampleRate: number): Buffer {
  const data = samples.length * 2;
  const out = Buffer.alloc(44 + data);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + data, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(data, 40);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i] ?? 0, 44 + i * 2);
  return out;
}

/** Walks the RIFF chunks; throws on anything that is not a WAV file. */
export function readWavInfo(file: Buffer): WavInfo {
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let fmt: Omit<WavInfo, 'seconds'> | undefined;
  for (let at = 12; at + 8 <= file.length; ) {
    const id = file.toString('ascii', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      fmt = { format: file.readUInt16LE(at + 8), channels: file.readUInt16LE(at + 10), sampleRate: file.readUInt32LE(at + 12), bitsPerSample: file.readUInt16LE(at + 22) };
    } else if (id === 'data') {
      if (!fmt) throw new Error('data chunk before fmt chunk');
      const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
      return { ...fmt, seconds: Math.min(size, file.length - at - 8) / bytesPerSecond };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

export type OpusInfo = { channels: number; preSkip: number; inputSampleRate: number; seconds: number; pages: number };

/**
 * Reads an Ogg Opus file's pages: the OpusHead header and the last page's granule position,
 * which counts 48 kHz samples (RFC 7845), give the playing time.
 */
export function readOggOpusInfo(file: Buffer): OpusInfo {
  let head: Omit<OpusInfo, 'seconds' | 'pages'> | undefined;
  let granule = 0n;
  let pages = 0;
  for (let at = 0; at < file.length; pages++) {
    if (file.toString('ascii', at, at + 4) !== 'OggS') throw new Error(`no Ogg page at byte ${at}`);
    const segments = file.readUInt8(at + 26);
    let body = 0;
    for (let i = 0; i < segments; i++) body += file.readUInt8(at + 27 + i);
    const start = at + 27 + segments;
    if (pages === 0) {
      if (file.toString('ascii', start, start + 8) !== 'OpusHead') throw new Error('first packet is not OpusHead');
      head = { channels: file.readUInt8(start + 9), preSkip: file.readUInt16LE(start + 10), inputSampleRate: file.readUInt32LE(start + 12) };
    }
    const pageGranule = file.readBigInt64LE(at + 6);
    if (pageGranule > granule) granule = pageGranule;
    at = start + body;
  }
  if (!head) throw new Error('empty file');
  return { ...head, seconds: Number(granule - BigInt(head.preSkip)) / 48_000, pages };
}

/**
 * The reminder chime: two soft bell tones (E6 then C6) with a fast attack and an exponential
 * decay, about 0.7 s. Synthesized, so nothing is downloaded and there is no licence to track.
 */
export function chimeSamples(sampleRate = 22_050): Int16Array {
  const notes = [
    { hz: 1318.5, start: 0, length: 0.35 },
    { hz: 1046.5, start: 0.25, length: 0.45 },
  ];
  const total = Math.ceil(0.7 * sampleRate);
  const mix = new Float64Array(total);
  for (const note of notes) {
    const from = Math.floor(note.start * sampleRate);
    const count = Math.min(total - from, Math.floor(note.length * sampleRate));
    for (let i = 0; i < count; i++) {
      const t = i / sampleRate;
      const envelope = Math.min(1, t / 0.005) * Math.exp(-t * 7);
      // A little of the octave makes it a bell rather than a beep.
      const tone = Math.sin(2 * Math.PI * note.hz * t) + 0.3 * Math.sin(4 * Math.PI * note.hz * t);
      mix[from + i] = (mix[from + i] ?? 0) + 0.35 * envelope * tone;
    }
  }
  return Int16Array.from(mix, (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32_767));
}
