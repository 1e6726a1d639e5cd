import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import { needs } from '../support/system';

describe.skipIf(!needs('socat', 'socat'))('pty pair', () => {
  let pair: PtyPair | undefined;
  afterEach(async () => pair?.close());

  it('carries bytes both ways through the real serialport binding', async () => {
    pair = await openPtyPair();
    const host = new SerialPort({ path: pair.hostPath, baudRate: 115200 });
    const device = new SerialPort({ path: pair.devicePath, baudRate: 115200 });
    await Promise.all([once(host, 'open'), once(device, 'open')]);
    const got = new Promise<Buffer>((resolve) => device.once('data', resolve));
    host.write(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]));
    expect([...(await got)]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
    await Promise.all([close(host), close(device)]);
  });
});

const once = (port: SerialPort, event: string) => new Promise((r) => port.once(event, r));
const close = (port: SerialPort) => new Promise((r) => port.close(r));
