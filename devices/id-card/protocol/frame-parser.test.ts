import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandFrame } from './commands';
import { buildResponseFrame } from './frame';
import { FrameParser, type ParsedItem } from './frame-parser';
import { findOkFrame, readReplyFrame, statusFrame } from './reader-side';
import { SAMPLE_CARD } from './sample-card.test-support';

const frames = (items: ParsedItem[]) => items.flatMap((i) => (i.type === 'frame' ? [Buffer.from(i.body).toString('hex')] : []));
const errors = (items: ParsedItem[]) => items.flatMap((i) => (i.type === 'error' ? [i.error] : []));

describe('FrameParser', () => {
  it('reassembles the 1295-byte read reply from 64-byte chunks', () => {
    const frame = readReplyFrame(SAMPLE_CARD);
    expect(frame).toHaveLength(1295);
    expect(Buffer.from(frame.subarray(0, 14)).toString('hex')).toBe('aaaaaa9669050800009001000400');
    const parser = new FrameParser();
    const items: ParsedItem[] = [];
    for (let i = 0; i < frame.length; i += 64) items.push(...parser.push(frame.subarray(i, i + 64)));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'frame' });
    expect(items[0]?.type === 'frame' && items[0].body.length).toBe(1288 - 1);
  });

  it('splits two frames arriving in one chunk, byte by byte just as well', () => {
    const both = Buffer.concat([statusFrame(0x80), findOkFrame()]);
    expect(frames(new FrameParser().push(both))).toEqual(['000080', '00009f00000000']);
    const parser = new FrameParser();
    const items = [...both].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(frames(items)).toEqual(['000080', '00009f00000000']);
    expect(errors(items)).toEqual([]);
  });

  it('resynchronises after garbage, including a partial preamble, and reports how much it skipped', () => {
    const garbage = Uint8Array.of(0x01, 0xaa, 0xaa, 0x96, 0xff, 0xaa, 0xaa, 0xaa);
    const items = new FrameParser().push(Buffer.concat([garbage, commandFrame('find')]));
    expect(frames(items)).toEqual(['2001']);
    expect(errors(items)).toEqual([{ kind: 'garbage', bytes: garbage.length }]);
  });

  it('keeps a preamble split across chunks', () => {
    const parser = new FrameParser();
    const frame = commandFrame('status');
    expect(parser.push(frame.subarray(0, 3))).toEqual([]);
    expect(frames(parser.push(frame.subarray(3)))).toEqual(['11ff']);
  });

  it('reports a checksum error and still finds the next frame', () => {
    const bad = Uint8Array.from(statusFrame(0x90));
    bad[bad.length - 1] = 0x00;
    const items = new FrameParser().push(Buffer.concat([bad, statusFrame(0x41)]));
    expect(errors(items)[0]).toMatchObject({ kind: 'checksum' });
    expect(frames(items)).toEqual(['000041']);
  });

  it('rejects an impossible length without waiting for it', () => {
    const items = new FrameParser().push(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 0x00));
    expect(errors(items)[0]).toEqual({ kind: 'length', length: 0xffff });
    const short = new FrameParser().push(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x01, 0x01));
    expect(errors(short)[0]).toEqual({ kind: 'length', length: 1 });
  });

  it('property: any byte stream in any chunking yields only typed items and never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), (chunks) => {
        const parser = new FrameParser();
        for (const chunk of chunks) {
          for (const item of parser.push(chunk)) expect(['frame', 'error']).toContain(item.type);
        }
        expect(parser.buffered).toBeLessThanOrEqual(7 + 0x1000 + 300 * 20);
      }),
      { numRuns: 300 },
    );
  });

  it('property: valid frames survive noise between them and any re-chunking', () => {
    const noise = fc.uint8Array({ maxLength: 40 }).map((b) => b.map((x) => (x === 0xaa ? 0x00 : x)));
    fc.assert(
      fc.property(fc.array(fc.tuple(noise, fc.uint8Array({ maxLength: 50 })), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 70 }), (parts, size) => {
        const stream = Buffer.concat(parts.flatMap(([n, data]) => [n, statusFrameWith(data)]));
        const parser = new FrameParser();
        const items: ParsedItem[] = [];
        for (let i = 0; i < stream.length; i += size) items.push(...parser.push(stream.subarray(i, i + size)));
        expect(frames(items)).toEqual(parts.map(([, data]) => '000090' + Buffer.from(data).toString('hex')));
      }),
      { numRuns: 200 },
    );
  });

  it('property: a truncated frame yields nothing and is completed by the rest', () => {
    const frame = readReplyFrame(SAMPLE_CARD);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: frame.length - 1 }), (cut) => {
        const parser = new FrameParser();
        expect(frames(parser.push(frame.subarray(0, cut)))).toEqual([]);
        expect(frames(parser.push(frame.subarray(cut)))).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
  });
});

const statusFrameWith = (data: Uint8Array) => buildResponseFrame(0x90, data);
