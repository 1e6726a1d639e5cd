import { describe, expect, it } from 'vitest';
import { COMMAND_STATUS, ICC_STATUS, makeStatus, MESSAGE_TYPE, Reassembler, toReports, type CcidMessage } from './hid-framing';
import { HidCardTransport, parseHidSelector, type HidDeviceLike } from './hid-transport';

// A fake at node-hid's API boundary (HIDAsync write/read): it records the raw reports the
// transport writes and answers with scripted reports, so the test sees the framing on the wire.
class FakeHid implements HidDeviceLike {
  readonly written: number[][] = [];
  readonly inbox: Buffer[] = [];
  closed = false;
  failWrites = false;
  private readonly reassembler = new Reassembler();

  constructor(private readonly answer: (request: CcidMessage) => Buffer[]) {}

  async write(values: number[] | Buffer): Promise<number> {
    if (this.failWrites) throw new Error('could not write to HID device');
    const report = [...values];
    this.written.push(report);
    const result = this.reassembler.push(Uint8Array.from(report.slice(1)));
    if (result.kind === 'message') this.inbox.push(...this.answer(result.message));
    return report.length;
  }

  async read(): Promise<Buffer | undefined> {
    return this.inbox.shift();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

const reply = (request: CcidMessage, type: number, data: Uint8Array, bStatus = 0, bError = 0) =>
  toReports({ type, slot: 0, seq: request.seq, params: [bStatus, bError, 0], data }).map((r) => Buffer.from(r));

const hex = (b: ArrayLike<number>) => Buffer.from(Uint8Array.from(b)).toString('hex').toUpperCase();

describe('HidCardTransport over a fake node-hid device', () => {
  it('writes report ID 00 + 64-byte SIM-HID-CCID v0 reports and returns the ATR', async () => {
    const atr = Uint8Array.of(0x3b, 0x6c, 0x00);
    const hid = new FakeHid((req) => reply(req, MESSAGE_TYPE.dataBlock, atr));
    const transport = new HidCardTransport(hid);
    expect(await transport.powerOn()).toEqual(atr);
    expect(hid.written).toHaveLength(1);
    expect(hid.written[0]).toHaveLength(65);
    expect(hex(hid.written[0]!.slice(0, 12))).toBe('00' + '00' + '62000000000000000000');
  });

  it('fragments a long APDU across reports and reassembles a long reply', async () => {
    const apdu = Uint8Array.from({ length: 200 }, (_, i) => i);
    const answer = Uint8Array.from({ length: 258 }, (_, i) => 255 - (i & 0xff));
    const hid = new FakeHid((req) => {
      expect(req.data).toEqual(apdu);
      return reply(req, MESSAGE_TYPE.dataBlock, answer);
    });
    const transport = new HidCardTransport(hid);
    expect(await transport.transmit(apdu)).toEqual(answer);
    expect(hid.written.map((r) => r[1])).toEqual([0x80, 0x81, 0x82, 0x03]);
  });

  it('increments bSeq and drops a stale reply with another sequence number', async () => {
    const hid = new FakeHid((req) => [
      ...reply({ ...req, seq: (req.seq + 200) & 0xff }, MESSAGE_TYPE.dataBlock, Uint8Array.of(0xde, 0xad)),
      ...reply(req, MESSAGE_TYPE.dataBlock, Uint8Array.of(0x90, 0x00)),
    ]);
    const transport = new HidCardTransport(hid);
    expect(await transport.transmit(Uint8Array.of(0, 0xb2, 1, 4, 0))).toEqual(Uint8Array.of(0x90, 0x00));
    await transport.transmit(Uint8Array.of(0, 0xb2, 1, 4, 0));
    expect(hid.written.map((r) => r[1 + 7])).toEqual([0, 1]);
  });

  it('waits through a time-extension reply', async () => {
    const hid = new FakeHid((req) => [
      ...reply(req, MESSAGE_TYPE.dataBlock, new Uint8Array(0), makeStatus(ICC_STATUS.active, COMMAND_STATUS.timeExtension)),
      ...reply(req, MESSAGE_TYPE.dataBlock, Uint8Array.of(0x90, 0x00)),
    ]);
    expect(await new HidCardTransport(hid).transmit(Uint8Array.of(0, 0xa4, 4, 0))).toEqual(Uint8Array.of(0x90, 0x00));
  });

  it('maps slot states and a failed PowerOn on an empty slot to typed results', async () => {
    const hid = new FakeHid((req) =>
      req.type === MESSAGE_TYPE.powerOn
        ? reply(req, MESSAGE_TYPE.dataBlock, new Uint8Array(0), makeStatus(ICC_STATUS.absent, COMMAND_STATUS.failed), 0xfe)
        : reply(req, MESSAGE_TYPE.slotStatus, new Uint8Array(0), makeStatus(ICC_STATUS.absent, COMMAND_STATUS.ok)),
    );
    const transport = new HidCardTransport(hid);
    expect(await transport.slotStatus()).toBe('absent');
    await expect(transport.powerOn()).rejects.toMatchObject({ name: 'SsCardError', reason: 'noCard' });
  });

  it('turns a malformed report, a wrong reply type, silence and a failed write into typed errors', async () => {
    const malformed = new FakeHid(() => [Buffer.alloc(20)]);
    await expect(new HidCardTransport(malformed).powerOn()).rejects.toMatchObject({ reason: 'framing', code: 'hardwareError' });
    const wrongType = new FakeHid((req) => reply(req, MESSAGE_TYPE.slotStatus, new Uint8Array(0)));
    await expect(new HidCardTransport(wrongType).powerOn()).rejects.toMatchObject({ reason: 'framing' });
    let t = 0;
    const silent = new FakeHid(() => []);
    await expect(new HidCardTransport(silent, { timeoutMs: 50, now: () => (t += 20) }).powerOn()).rejects.toMatchObject({ reason: 'timeout', code: 'timeOut' });
    const gone = new FakeHid(() => []);
    gone.failWrites = true;
    await expect(new HidCardTransport(gone).powerOn()).rejects.toMatchObject({ reason: 'transport' });
  });

  it('accepts reports that come back with the report-ID byte in front', async () => {
    const hid = new FakeHid((req) => reply(req, MESSAGE_TYPE.dataBlock, Uint8Array.of(0x3b)).map((r) => Buffer.concat([Buffer.of(0), r])));
    expect(await new HidCardTransport(hid).powerOn()).toEqual(Uint8Array.of(0x3b));
  });

  it('close() closes the device', async () => {
    const hid = new FakeHid(() => []);
    await new HidCardTransport(hid).close();
    expect(hid.closed).toBe(true);
  });
});

describe('parseHidSelector', () => {
  it('reads VID:PID in hex or a device path', () => {
    expect(parseHidSelector('0483:572b')).toEqual({ vendorId: 0x0483, productId: 0x572b });
    expect(parseHidSelector('0x0483:0x572B')).toEqual({ vendorId: 0x0483, productId: 0x572b });
    expect(parseHidSelector('/dev/hidraw3')).toEqual({ path: '/dev/hidraw3' });
    expect(parseHidSelector('sim')).toBeUndefined();
    expect(parseHidSelector('12345:1')).toBeUndefined();
  });
});
