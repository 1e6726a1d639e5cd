import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FRAMING_NAME,
  HidCardTransport,
  readBasic,
  SimulatedBankCard,
  SimulatedHidReader,
  SimulatedSsCard,
  SocialSecurityCardReader,
  type SsCardData,
  type SsCardError,
  type SsCardEvents,
  type SsCardStatus,
} from '../../devices/ss-card';
import { MESSAGE_TYPE } from '../../devices/ss-card/hid-framing';

// The social-security reader end to end above node-hid: adapter → HidCardTransport → SIM-HID-CCID
// v0 reports → simulated HID reader → simulated chip. No virtual HID device exists on Linux
// without root, so the node-hid API boundary is where the simulator plugs in.

type Resident = { id: string; ssCard: SsCardData | null };
const residents = (
  JSON.parse(readFileSync(new URL('../../fixtures/residents/residents.json', import.meta.url), 'utf8')) as { residents: Resident[] }
).residents;
const ssCard = (id: string): SsCardData => {
  const card = residents.find((r) => r.id === id)?.ssCard;
  if (!card) throw new Error(`no social-security card for ${id}`);
  return card;
};

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const apdusSent = (sim: SimulatedHidReader) => sim.received.filter((m) => m.type === MESSAGE_TYPE.xfrBlock).map((m) => hex(m.data));

describe('readBasic through the HID framing and the simulated card', () => {
  let sim: SimulatedHidReader;
  let transport: HidCardTransport;
  beforeEach(() => {
    sim = new SimulatedHidReader();
    transport = new HidCardTransport(sim.open(), { timeoutMs: 1000 });
  });

  it('reads every EF05 and EF06 field of a fixture card', async () => {
    sim.insert(new SimulatedSsCard(ssCard('R001')));
    const { atr, identity } = await readBasic(transport);
    expect(atr[0]).toBe(0x3b);
    expect(identity).toEqual({
      cardId: '440105D1560000053030303030303031',
      regionCode: '440105',
      cardType: '1',
      version: '3.00',
      orgNumber: '440105000000000000000000',
      issueDate: '20190601',
      expiryDate: '20290601',
      cardNumber: 'A00000001',
      ssn: '440105195803129994',
      ssnValid: true,
      name: '张三',
      gender: '1',
      genderText: '男',
      nation: '01',
      nationText: '汉',
      birthPlace: '440105',
      birth: '19580312',
    });
    const sent = apdusSent(sim);
    expect(sent[0]).toBe('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
    expect(sent).toContain('00A4020002EF05');
    expect(sent).toContain('00B2010412');
    // Every record had the length the reader asked for: no 6Cxx re-issue was needed.
    expect(sent.filter((a) => a.startsWith('00B2'))).toHaveLength(13);
    expect(sent).toContain('00B207040B');
    expect(sent).toContain('00A4020002EF06');
    expect(sent).toContain('00B2020420');
    expect(sim.received.map((m) => m.type).at(0)).toBe(MESSAGE_TYPE.powerOn);
    expect(sim.received.map((m) => m.type).at(-1)).toBe(MESSAGE_TYPE.powerOff);
  });

  it('decodes nation 08 (壮) and a birthplace outside Guangzhou', async () => {
    sim.insert(new SimulatedSsCard(ssCard('R003')));
    const { identity } = await readBasic(transport);
    expect(identity).toMatchObject({ name: '王伟', nation: '08', nationText: '壮', birthPlace: '450102' });
  });

  it('follows 61xx with GET RESPONSE when SELECT answers that way', async () => {
    sim.insert(new SimulatedSsCard(ssCard('R002'), { selectAnswers61: true }));
    const { identity } = await readBasic(transport);
    expect(identity.name).toBe('李秀英');
    const sent = apdusSent(sim);
    expect(sent.slice(0, 2)).toEqual(['00A404000F7378312E73682EC9E7BBE1B1A3D5CF', '00C0000013']);
  });

  it('re-issues READ RECORD with the Le a 6Cxx names (an older 8-character card number)', async () => {
    sim.insert(new SimulatedSsCard({ ...ssCard('R005'), cardNumber: 'A0000005' }));
    const { identity } = await readBasic(transport);
    expect(identity.cardNumber).toBe('A0000005');
    const sent = apdusSent(sim);
    const at = sent.indexOf('00B207040B');
    expect(sent[at + 1]).toBe('00B207040A');
  });

  it('reports PIN tries left (63Cx), resets them on the right PIN, and blocks after three misses', async () => {
    const card = new SimulatedSsCard(ssCard('R001'), { pin: '123456', pinProtectsEf06: true });
    sim.insert(card);
    await expect(readBasic(transport)).rejects.toMatchObject({ reason: 'pinRequired', details: { sw: 0x6982 } });
    await expect(readBasic(transport, { pin: '111111' })).rejects.toMatchObject({ reason: 'pinWrong', details: { sw: 0x63c2, triesLeft: 2 } });
    await expect(readBasic(transport, { pin: '222222' })).rejects.toMatchObject({ reason: 'pinWrong', details: { triesLeft: 1 } });
    expect((await readBasic(transport, { pin: '123456' })).identity.ssn).toBe('440105195803129994');
    expect(card.pinTriesLeft).toBe(3);
    for (const triesLeft of [2, 1]) await expect(readBasic(transport, { pin: '000000' })).rejects.toMatchObject({ details: { triesLeft } });
    await expect(readBasic(transport, { pin: '000000' })).rejects.toMatchObject({ reason: 'pinBlocked', details: { triesLeft: 0 } });
    await expect(readBasic(transport, { pin: '123456' })).rejects.toMatchObject({ reason: 'pinBlocked', details: { sw: 0x6983 } });
  });

  it('answers 6A82 for a card without SSSE (a bank card): not a social-security card', async () => {
    sim.insert(new SimulatedBankCard());
    await expect(readBasic(transport)).rejects.toMatchObject({ name: 'SsCardError', reason: 'notSsCard', code: 'userError', details: { sw: 0x6a82 } });
  });

  it('fails with noCard on an empty slot', async () => {
    await expect(readBasic(transport)).rejects.toMatchObject({ reason: 'noCard' });
  });
});

class Recorder {
  readonly seen: Array<{ type: keyof SsCardEvents; payload: unknown }> = [];
  private waiters: Array<() => void> = [];

  constructor(reader: SocialSecurityCardReader) {
    for (const type of ['status', 'card.inserted', 'card.removed', 'error'] as const) {
      reader.on(type, (payload: unknown) => {
        this.seen.push({ type, payload });
        for (const wake of this.waiters.splice(0)) wake();
      });
    }
  }

  async next<K extends keyof SsCardEvents>(type: K, match: (p: SsCardEvents[K]) => boolean = () => true): Promise<SsCardEvents[K]> {
    const from = this.seen.length;
    for (;;) {
      const hit = this.seen.slice(from).find((e) => e.type === type && match(e.payload as SsCardEvents[K]));
      if (hit) return hit.payload as SsCardEvents[K];
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  status(match: (s: SsCardStatus) => boolean): Promise<SsCardStatus> {
    return this.next('status', match);
  }

  count(type: keyof SsCardEvents): number {
    return this.seen.filter((e) => e.type === type).length;
  }
}

describe('SocialSecurityCardReader adapter', () => {
  let sim: SimulatedHidReader;
  let reader: SocialSecurityCardReader;
  let events: Recorder;

  beforeEach(async () => {
    sim = new SimulatedHidReader();
    reader = new SocialSecurityCardReader({
      openTransport: async () => new HidCardTransport(sim.open(), { timeoutMs: 200 }),
      transportName: FRAMING_NAME,
      timings: { pollMs: 15, reopenFirstMs: 20, reopenMaxMs: 80 },
    });
    events = new Recorder(reader);
    const online = events.status((s) => s.device === 'online');
    await reader.open();
    await online;
  });

  afterEach(async () => {
    await reader.close();
  });

  it('is online with no card, then emits card.inserted and card.removed', async () => {
    expect(reader.status()).toMatchObject({ device: 'online', media: 'notPresent', chipPower: 'noCard' });
    expect(reader.capabilities()).toEqual({ transport: 'SIM-HID-CCID v0', autoRead: true, pinPad: false });
    const inserted = events.next('card.inserted');
    sim.insert(new SimulatedSsCard(ssCard('R005')));
    const { identity, atr } = await inserted;
    expect(identity).toMatchObject({ name: '林晓', gender: '2', genderText: '女', ssn: '440105200001010004', expiryDate: '20320901' });
    expect(atr[0]).toBe(0x3b);
    expect(reader.status()).toMatchObject({ media: 'present', chipPower: 'poweredOff' });
    const removed = events.next('card.removed');
    sim.remove();
    expect(await removed).toMatchObject({ reason: 'removed' });
    expect(reader.status()).toMatchObject({ media: 'notPresent', chipPower: 'noCard' });
    expect(events.count('card.inserted')).toBe(1);
  });

  it('reports a bank card as notSsCard and reads the next proper card', async () => {
    const error = events.next('error');
    sim.insert(new SimulatedBankCard());
    expect(await error).toMatchObject({ reason: 'notSsCard' });
    const gone = events.status((s) => s.media === 'notPresent');
    sim.remove();
    await gone;
    expect(events.count('card.inserted')).toBe(0);
    // The refused card's removal is announced too, so a "please take your card" screen can close.
    expect(events.count('card.removed')).toBe(1);
    const inserted = events.next('card.inserted');
    sim.insert(new SimulatedSsCard(ssCard('R001')));
    expect((await inserted).identity.name).toBe('张三');
  });

  it('asks for the PIN (pinRequired) and reads with readBasic({ pin }), reporting tries left on a miss', async () => {
    const required = events.next('error', (e: SsCardError) => e.reason === 'pinRequired');
    sim.insert(new SimulatedSsCard(ssCard('R002'), { pin: '654321', pinProtectsEf06: true }));
    await required;
    await expect(reader.readBasic({ pin: '000000' })).rejects.toMatchObject({ reason: 'pinWrong', details: { triesLeft: 2 } });
    const inserted = events.next('card.inserted');
    const identity = await reader.readBasic({ pin: '654321' });
    expect(identity.name).toBe('李秀英');
    expect((await inserted).identity.ssn).toBe('440105196208159982');
  });

  it('goes noDevice when the reader is unplugged and online again when it returns', async () => {
    const inserted = events.next('card.inserted');
    sim.insert(new SimulatedSsCard(ssCard('R003')));
    await inserted;
    const gone = events.status((s) => s.device === 'noDevice');
    const lost = events.next('card.removed');
    sim.unplug();
    await gone;
    expect(await lost).toMatchObject({ reason: 'readerLost' });
    const back = events.status((s) => s.device === 'online');
    const again = events.next('card.inserted');
    sim.replug();
    await back;
    expect((await again).identity.name).toBe('王伟');
  });

  it('turns a malformed HID report into a framing error and hardwareError, then recovers', async () => {
    const error = events.next('error', (e: SsCardError) => e.reason === 'framing');
    const bad = events.status((s) => s.device === 'hardwareError');
    sim.setFault('malformedReport');
    await error;
    await bad;
    const online = events.status((s) => s.device === 'online');
    sim.setFault('none');
    await online;
  });

  it('reports a silent reader as a timeout and offline, then online again', async () => {
    const offline = events.status((s) => s.device === 'offline');
    sim.setFault('silent');
    expect((await offline).detail).toContain('no reply');
    const online = events.status((s) => s.device === 'online');
    sim.setFault('none');
    await online;
  });

  it('close() stops polling', async () => {
    await reader.close();
    const count = sim.received.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.received.length).toBe(count);
    expect(reader.status().device).toBe('offline');
  });
});
