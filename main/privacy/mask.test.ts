import { describe, expect, it } from 'vitest';
import { maskCardNumber, maskDeep, maskIdNumber, maskName, maskText } from './mask';

describe('masks', () => {
  it('masks ID numbers as 6 + stars + 4', () => {
    expect(maskIdNumber('440105195803129994')).toBe('440105********9994');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('masks card numbers', () => {
    expect(maskCardNumber('A00000001')).toBe('A******01');
  });

  it('leaves the kiosk’s own UUIDs alone, even when their last group is all digits', () => {
    const id = '70bc4e15-1d5c-48de-a15d-957332512397';
    expect(maskText(`ticket ${id}`)).toBe(`ticket ${id}`);
    expect(maskText('card 622202123456')).toBe(`card ${maskCardNumber('622202123456')}`);
    expect(maskText('card 622202123456')).not.toContain('622202123456');
  });

  it('finds ID and card numbers inside free text', () => {
    const text = 'read 440105195803129994 and card A00000001 at 12:00';
    const masked = maskText(text);
    expect(masked).toBe('read 440105********9994 and card A******01 at 12:00');
    expect(masked).not.toContain('19580312');
  });

  it('masks e-mail addresses in text', () => {
    expect(maskText('send to resident@example.cn now')).toBe('send to r***@example.cn now');
  });

  it('masks personal fields deeply and drops photos and secrets', () => {
    const masked = maskDeep({
      resident: { name: '张三', idNumber: '440105195803129994', photoWlt: new Uint8Array(1024) },
      list: [{ cardNumber: 'A00000001' }],
      pin: '123456',
      note: '身份证 440105195803129994',
    });
    expect(JSON.stringify(masked)).not.toMatch(/张三|195803129994|A00000001|123456/);
    expect(masked).toMatchObject({ resident: { name: '张*', idNumber: '440105********9994' } });
  });
});
