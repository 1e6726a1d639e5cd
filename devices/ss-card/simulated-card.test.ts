import { describe, expect, it } from 'vitest';
import { SAMPLE_SS_CARD } from './sample-cards.test-support';
import { SimulatedBankCard, SimulatedSsCard } from './simulated-card';

const run = (card: { process(a: Uint8Array): Uint8Array }, apdu: string) =>
  Buffer.from(card.process(Uint8Array.from(Buffer.from(apdu.replace(/ /g, ''), 'hex')))).toString('hex').toUpperCase();
const SELECT_SSSE = '00A404000F7378312E73682EC9E7BBE1B1A3D5CF';

describe('SimulatedSsCard answers like a card', () => {
  it('selects SSSE with its FCI, or with 61xx and GET RESPONSE in pieces', () => {
    expect(run(new SimulatedSsCard(SAMPLE_SS_CARD), SELECT_SSSE)).toBe('6F11840F7378312E73682EC9E7BBE1B1A3D5CF9000');
    const card = new SimulatedSsCard(SAMPLE_SS_CARD, { selectAnswers61: true });
    expect(run(card, SELECT_SSSE)).toBe('6113');
    expect(run(card, '00C0000005')).toBe('6F11840F73610E');
    expect(run(card, '00C000000E')).toBe('78312E73682EC9E7BBE1B1A3D5CF9000');
    expect(run(card, '00C0000001')).toBe('6985');
  });

  it('reads EF05 records by number, by SFI from EF06, and names the right Le with 6Cxx', () => {
    const card = new SimulatedSsCard(SAMPLE_SS_CARD);
    expect(run(card, '00B2030400')).toBe('6986');
    run(card, SELECT_SSSE);
    expect(run(card, '00A4020002EF07')).toBe('6A82');
    expect(run(card, '00A4020002EF05')).toBe('9000');
    expect(run(card, '00B2030400')).toBe('0304332E30309000');
    expect(run(card, '00B2030409')).toBe('6C06');
    expect(run(card, '00B2090400')).toBe('6A83');
    run(card, '00A4020002EF06');
    expect(run(card, '00B2072C0B')).toBe('07094130303030303030399000');
    expect(run(card, '00B2070400')).toBe('0D04200001019000');
  });

  it('rejects unknown instructions and classes', () => {
    const card = new SimulatedSsCard(SAMPLE_SS_CARD);
    expect(run(card, '00CA000000')).toBe('6D00');
    expect(run(card, '80A4040000')).toBe('6E00');
    expect(run(card, '00')).toBe('6700');
  });

  it('a bank card has no SSSE: 6A82', () => {
    expect(run(new SimulatedBankCard(), SELECT_SSSE)).toBe('6A82');
  });
});
