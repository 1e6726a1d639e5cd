import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReplyFrame } from './reader-side';
import { checkReply, decodeIdentity, parseReplyBody } from './reply';
import { decodeTextBlock, encodeTextBlock, TEXT_BLOCK_LENGTH } from './text-block';
import { LONG_NAME_CARD, SAMPLE_CARD } from './sample-card.test-support';
import { FrameParser } from './frame-parser';
import { okFrame, findOkFrame, selectOkFrame, statusFrame } from './reader-side';

describe('text block (DEVICES.md §1.6)', () => {
  it('encodes 张三 as UCS-2LE 20 5F 09 4E, space padded to 15 characters', () => {
    const block = encodeTextBlock(SAMPLE_CARD);
    expect(block).toHaveLength(256);
    expect(Buffer.from(block.subarray(0, 6)).toString('hex')).toBe('205f094e2000');
    expect(Buffer.from(block.subarray(30, 32)).toString('utf16le')).toBe('1');
    expect(Buffer.from(block.subarray(204, 220)).toString('utf16le')).toBe('长期      ');
  });

  it('decodes every field, the gender and nation texts, and 长期', () => {
    const result = decodeTextBlock(encodeTextBlock(SAMPLE_CARD));
    expect(result).toEqual({
      ok: true,
      value: { ...SAMPLE_CARD, genderText: '男', nationText: '汉' },
    });
  });

  it('decodes full-width fields, an X check digit and a dated validity', () => {
    const result = decodeTextBlock(encodeTextBlock(LONG_NAME_CARD));
    expect(result.ok && result.value).toMatchObject({
      name: LONG_NAME_CARD.name,
      address: LONG_NAME_CARD.address,
      idNumber: '11010519491231002X',
      genderText: '女',
      nationText: '维吾尔',
      validTo: '20350301',
    });
  });

  it('trims NUL padding as well as spaces', () => {
    const block = encodeTextBlock(SAMPLE_CARD);
    block.fill(0, 4, 30);
    expect(decodeTextBlock(block)).toMatchObject({ ok: true, value: { name: '张三' } });
  });

  it.each([
    [{ idNumber: '440106200001010001' }, { kind: 'idNumber', problem: 'checkDigit' }],
    [{ idNumber: '44010620000101000' }, { kind: 'idNumber', problem: 'format' }],
    [{ nation: '57' }, { kind: 'nation' }],
    [{ birth: '20000230' }, { kind: 'date', field: 'birth' }],
    [{ validTo: '永久' }, { kind: 'date', field: 'validTo' }],
    [{ name: '' }, { kind: 'empty', field: 'name' }],
  ])('rejects %j as %j', (patch, error) => {
    expect(decodeTextBlock(encodeTextBlock({ ...SAMPLE_CARD, ...patch }))).toEqual({ ok: false, error });
  });

  it('rejects an unknown gender code', () => {
    const block = encodeTextBlock(SAMPLE_CARD);
    block.set(Buffer.from('5', 'utf16le'), 30);
    expect(decodeTextBlock(block)).toEqual({ ok: false, error: { kind: 'gender' } });
  });

  it('property: random and truncated blocks give a typed result, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeTextBlock(bytes);
        expect(typeof result.ok).toBe('boolean');
        if (bytes.length !== TEXT_BLOCK_LENGTH) expect(result).toMatchObject({ ok: false, error: { kind: 'length' } });
      }),
    );
  });
});

describe('read reply → identity', () => {
  const body = (frame: Uint8Array) => {
    const item = new FrameParser().push(frame)[0];
    if (item?.type !== 'frame') throw new Error('no frame');
    return item.body;
  };

  it('decodes a full 30 01 reply and keeps the 1024 WLT bytes raw', () => {
    const frame = readReplyFrame(SAMPLE_CARD);
    const reply = parseReplyBody(body(frame));
    expect(reply).toBeDefined();
    const check = checkReply('readTextPhoto', reply!);
    expect(check.kind).toBe('ok');
    const identity = check.kind === 'ok' ? decodeIdentity(check.data) : undefined;
    expect(identity?.ok && identity.value.photoWlt).toHaveLength(1024);
    expect(identity?.ok && identity.value.photoWlt).toEqual(Uint8Array.from(frame.subarray(270, 1294)));
    expect(identity).toMatchObject({ ok: true, value: { name: '张三', idNumber: '440106200001010000', validTo: '长期' } });
  });

  it('judges replies against the command they answer', () => {
    const check = (command: Parameters<typeof checkReply>[0], frame: Uint8Array) => checkReply(command, parseReplyBody(body(frame))!);
    expect(check('find', findOkFrame()).kind).toBe('ok');
    expect(check('find', statusFrame(0x80))).toMatchObject({ kind: 'status', status: { name: 'noCard' } });
    expect(check('select', selectOkFrame()).kind).toBe('ok');
    expect(check('status', okFrame()).kind).toBe('ok');
    expect(check('readTextPhoto', statusFrame(0x41))).toMatchObject({ kind: 'status', status: { name: 'readFailed' } });
    // Wrong-command replies: another command's success, or the right code with the wrong data.
    expect(check('readTextPhoto', findOkFrame()).kind).toBe('unexpected');
    expect(check('find', selectOkFrame()).kind).toBe('unexpected');
    expect(check('status', findOkFrame()).kind).toBe('unexpected');
    expect(check('select', okFrame()).kind).toBe('unexpected');
    expect(check('status', readReplyFrame(SAMPLE_CARD)).kind).toBe('unexpected');
  });

  it('property: any reply body to any command is judged without throwing', () => {
    const commands = ['status', 'find', 'select', 'readTextPhoto', 'readChipId'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...commands), fc.uint8Array({ maxLength: 1400 }), (command, bytes) => {
        const reply = parseReplyBody(bytes);
        if (!reply) return;
        const check = checkReply(command, reply);
        if (check.kind === 'ok' && command === 'readTextPhoto') expect(typeof decodeIdentity(check.data).ok).toBe('boolean');
      }),
    );
  });
});
