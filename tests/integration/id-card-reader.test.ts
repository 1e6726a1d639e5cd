import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  IdCardReader,
  IdCardSimulator,
  placeholderWlt,
  type IdCardData,
  type IdCardError,
  type IdCardEvents,
  type IdCardStatus,
} from '../../devices/id-card';
import { isValidIdNumber } from '../../devices/shared/id-number';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import { needs } from '../support/system';

type Resident = { id: string; idCard: IdCardData };
const residents = (
  JSON.parse(readFileSync(new URL('../../fixtures/residents/residents.json', import.meta.url), 'utf8')) as { residents: Resident[] }
).residents;
const card = (id: string): IdCardData => {
  const found = residents.find((r) => r.id === id);
  if (!found) throw new Error(`no resident ${id}`);
  return found.idCard;
};

// Small intervals keep the suite quick; the production defaults (300 ms poll, 3 s heartbeat) are
// what DEVICES.md §1.11 asks of real hardware.
const timings = { heartbeatMs: 150, pollMs: 25, commandTimeoutMs: 500, readTimeoutMs: 2000, reopenFirstMs: 30, reopenMaxMs: 150 };

/** Records every event and waits for one that matches; the test's own timeout bounds the wait. */
class Recorder {
  readonly seen: Array<{ [K in keyof IdCardEvents]: { type: K; payload: IdCardEvents[K] } }[keyof IdCardEvents]> = [];
  private waiters: Array<() => void> = [];

  constructor(reader: IdCardReader) {
    for (const type of ['status', 'card.inserted', 'card.removed', 'error'] as const) {
      reader.on(type, (payload: unknown) => {
        this.seen.push({ type, payload } as never);
        for (const wake of this.waiters.splice(0)) wake();
      });
    }
  }

  async next<K extends keyof IdCardEvents>(type: K, match: (p: IdCardEvents[K]) => boolean = () => true): Promise<IdCardEvents[K]> {
    const from = this.seen.length;
    for (;;) {
      const hit = this.seen.slice(from).find((e) => e.type === type && match(e.payload as IdCardEvents[K]));
      if (hit) return hit.payload as IdCardEvents[K];
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  status(match: (s: IdCardStatus) => boolean): Promise<IdCardStatus> {
    return this.next('status', match);
  }

  count(type: keyof IdCardEvents): number {
    return this.seen.filter((e) => e.type === type).length;
  }
}

describe.skipIf(!needs('socat', 'socat'))('ID card reader over a real pty pair', () => {
  let pair: PtyPair;
  let sim: IdCardSimulator;
  let reader: IdCardReader;
  let events: Recorder;

  const start = async (simOptions: { lockout?: boolean; chipId?: boolean } = {}) => {
    pair = await openPtyPair('idcard');
    sim = await IdCardSimulator.start({ path: pair.devicePath, chunkSize: 64, reattachMs: 30, ...simOptions });
    reader = new IdCardReader({ path: pair.hostPath, timings });
    events = new Recorder(reader);
    const online = events.status((s) => s.device === 'online');
    await reader.open();
    await online;
  };

  afterEach(async () => {
    await reader?.close();
    await sim?.close();
    await pair?.close();
  });

  describe('with a healthy reader', () => {
    beforeEach(() => start());

    it('reports online with no card and the SAM id', async () => {
      await events.status((s) => s.samId !== undefined);
      expect(reader.status()).toMatchObject({ device: 'online', media: 'notPresent', samId: '05.01-305419896-123456789-987654321' });
      expect(reader.capabilities()).toEqual({ fingerprint: false, photoDecoder: false, pollIntervalMs: 25 });
    });

    it('decodes every field of an inserted card, then reports its removal', async () => {
      const inserted = events.next('card.inserted');
      sim.insert(card('R001'));
      const { identity } = await inserted;
      expect(identity).toEqual({
        name: '张三',
        gender: '1',
        genderText: '男',
        nation: '01',
        nationText: '汉',
        birth: '19580312',
        address: '广州市海珠区江南大道中123号5栋801房',
        idNumber: '440105195803129994',
        issuer: '广州市公安局海珠分局',
        validFrom: '20180312',
        validTo: '长期',
        photoWlt: placeholderWlt(),
      });
      expect(isValidIdNumber(identity.idNumber)).toBe(true);
      expect(reader.status().media).toBe('present');
      expect(sim.received.slice(0, 2)).toEqual(['status', 'samId']);

      // The card stays on the reader: find is locked out, the chip-id probe keeps it present.
      const probesBefore = sim.received.filter((c) => c === 'readChipId').length;
      await until(() => sim.received.filter((c) => c === 'readChipId').length >= probesBefore + 3);
      expect(events.count('card.removed')).toBe(0);

      const removed = events.next('card.removed');
      sim.remove();
      expect(await removed).toMatchObject({ reason: 'removed' });
      expect(reader.status().media).toBe('notPresent');
    });

    it('reads a second card after the first was removed; nation 08 is 壮 and validity is dated', async () => {
      let inserted = events.next('card.inserted');
      sim.insert(card('R001'));
      await inserted;
      const removed = events.next('card.removed');
      sim.remove();
      await removed;
      inserted = events.next('card.inserted');
      sim.insert(card('R003'));
      expect((await inserted).identity).toMatchObject({ name: '王伟', nation: '08', nationText: '壮', validTo: '20360620' });
    });

    it('still decodes an expired card and exposes validTo (expiry is the session’s business)', async () => {
      const inserted = events.next('card.inserted');
      sim.insert(card('R004'));
      expect((await inserted).identity).toMatchObject({ name: '陈静', genderText: '女', validFrom: '20100304', validTo: '20200304' });
    });

    it('goes noDevice when the USB-serial port is unplugged and online again when it returns', async () => {
      const inserted = events.next('card.inserted');
      sim.insert(card('R002'));
      await inserted;
      const gone = events.status((s) => s.device === 'noDevice');
      const lostCard = events.next('card.removed');
      await pair.unplug();
      expect(await gone).toMatchObject({ device: 'noDevice', media: 'unknown' });
      expect(await lostCard).toMatchObject({ reason: 'readerLost' });
      const back = events.status((s) => s.device === 'online');
      await pair.replug();
      await back;
      // The simulator reattached too; a fresh card placement reads normally.
      sim.remove();
      const again = events.next('card.inserted');
      sim.insert(card('R002'));
      expect((await again).identity.idNumber).toBe('440105196208159982');
    });

    it('turns garbage bytes into a typed error and a status change, then recovers', async () => {
      const error = events.next('error', (e) => e.reason === 'garbage');
      const bad = events.status((s) => s.device === 'hardwareError');
      sim.setFault('garbage');
      expect(await error).toMatchObject({ name: 'IdCardError', code: 'invalidData', device: 'id-card' });
      await bad;
      const online = events.status((s) => s.device === 'online');
      sim.setFault('none');
      await online;
    });

    it('resynchronises when noise precedes every reply, and still reads the card', async () => {
      sim.setFault('noisy');
      const inserted = events.next('card.inserted');
      sim.insert(card('R005'));
      expect((await inserted).identity).toMatchObject({ name: '林晓', validTo: '20280101' });
    });

    it('rejects a reply for the wrong command as a typed error and keeps going', async () => {
      const error = events.next('error', (e) => e.reason === 'unexpectedReply');
      sim.setFault('wrongReply');
      expect(await error).toMatchObject({ code: 'invalidData' });
      sim.setFault('none');
      const inserted = events.next('card.inserted');
      sim.insert(card('R001'));
      await inserted;
    });

    it('reports a silent reader as a timeout and offline, then online again', async () => {
      const error = events.next('error', (e) => e.reason === 'timeout');
      const offline = events.status((s) => s.device === 'offline');
      sim.setFault('silent');
      expect(await error).toMatchObject({ code: 'timeOut' });
      await offline;
      const online = events.status((s) => s.device === 'online');
      sim.setFault('none');
      await online;
    });

    it('reports a broken checksum as a typed error', async () => {
      const error = events.next('error', (e) => e.reason === 'checksum');
      sim.setFault('badChecksum');
      expect(await error).toMatchObject({ code: 'invalidData' });
    });

    it('reports an unreadable card (SW3 0x41), gives up after 3 attempts, and reads the next card', async () => {
      sim.setFault('unreadable');
      const errors: IdCardError[] = [];
      reader.on('error', (e) => errors.push(e));
      const present = events.status((s) => s.media === 'present');
      sim.insert(card('R001'));
      await present;
      while (errors.filter((e) => e.reason === 'card').length < 3) await events.next('error');
      expect(errors[0]).toMatchObject({ reason: 'card', sw3: 0x41, code: 'userError' });
      const gone = events.status((s) => s.media === 'notPresent');
      sim.remove();
      await gone;
      expect(errors.filter((e) => e.reason === 'card')).toHaveLength(3);
      expect(events.count('card.inserted')).toBe(0);
      sim.setFault('none');
      const inserted = events.next('card.inserted');
      sim.insert(card('R001'));
      await inserted;
    });

    it('maps SAM faults (0x60 self-test, 0x66 not authorised) to hardwareError and recovers', async () => {
      const bad = events.status((s) => s.device === 'hardwareError');
      const error = events.next('error', (e) => e.reason === 'sam');
      sim.setFault('samFault');
      expect(await bad).toMatchObject({ detail: expect.stringContaining('samSelfTestFailed') });
      expect(await error).toMatchObject({ sw3: 0x60, code: 'hardwareError' });
      const unauthorised = events.status((s) => s.detail?.includes('samNotAuthorised') === true);
      sim.setFault('samUnauthorised');
      expect(await unauthorised).toMatchObject({ device: 'hardwareError' });
      const online = events.status((s) => s.device === 'online');
      sim.setFault('none');
      await online;
    });
  });

  it('detects removal by find alone on a reader without lockout or chip-id probe', async () => {
    await start({ lockout: false, chipId: false });
    const inserted = events.next('card.inserted');
    sim.insert(card('R003'));
    await inserted;
    const removed = events.next('card.removed');
    sim.remove();
    expect(await removed).toMatchObject({ reason: 'removed' });
    expect(events.count('card.inserted')).toBe(1);
  });

  it('close() stops the loop: no more commands reach the reader', async () => {
    await start();
    await reader.close();
    // Let bytes written just before close() drain through the pty, then expect silence.
    await new Promise((r) => setTimeout(r, 100));
    const count = sim.received.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.received.length).toBe(count);
    expect(reader.status().device).toBe('offline');
  });
});

/** Polls a condition; the test's timeout bounds the wait. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}
