import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckDigit, idNumberProblem, isValidIdNumber } from './id-number';
import { maskCardNumber, maskIdNumber, maskName } from './mask';
import { genderText, nationText } from './person-codes';

describe('GB 11643 check digit (DEVICES.md §1.10)', () => {
  it('gives X for the textbook number 11010519491231002', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('gives 0 for the synthetic Guangzhou number', () => {
    expect(idCheckDigit('44010620000101000')).toBe('0');
  });

  it('accepts the fixture residents and rejects a changed digit', () => {
    for (const id of ['440105195803129994', '440105196208159982', '440105198506209975', '44010519900304996X', '440105200001010004']) {
      expect(idNumberProblem(id)).toBeUndefined();
    }
    expect(idNumberProblem('440105195803120018')).toBe('checkDigit');
    expect(idNumberProblem('440105195802300017')).toBe('birthDate');
    expect(idNumberProblem('44010519580312001x')).toBe('format');
  });

  it('property: the weighted sum formulation equals (12 - S mod 11) mod 11', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (digits) => {
        const weights = [...Array(17).keys()].map((i) => 2 ** (17 - i) % 11);
        const sum = [...digits].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
        const value = (12 - (sum % 11)) % 11;
        expect(idCheckDigit(digits)).toBe(value === 10 ? 'X' : String(value));
      }),
    );
  });
});

describe('code tables and masking', () => {
  it('maps genders and nations, including 德昂 and 97/98', () => {
    expect(genderText('1')).toBe('男');
    expect(genderText('9')).toBe('未说明');
    expect(nationText('01')).toBe('汉');
    expect(nationText('46')).toBe('德昂');
    expect(nationText('56')).toBe('基诺');
    expect(nationText('97')).toBe('其他');
    expect(nationText('98')).toBe('外国血统中国籍人士');
    expect(nationText('57')).toBeUndefined();
    expect(nationText('00')).toBeUndefined();
  });

  it('masks ID numbers, names and card numbers', () => {
    expect(maskIdNumber('440106200001010000')).toBe('440106********0000');
    expect(maskName('李秀英')).toBe('李**');
    expect(maskCardNumber('A00000001')).toBe('A0*****01');
  });
});
