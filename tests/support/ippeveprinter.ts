import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startIppeveprinter,
  type IppeveprinterProcess,
  type PaperLevel,
  type TonerLevel,
} from '../../devices/page-printer/ippeveprinter-process';

// A real IPP printer for integration tests: ippeveprinter (Debian cups-ipp-utils) on a free
// loopback port. It needs a system D-Bus and avahi-daemon; we start those once if they are not
// running (they may stay up between test files: they are shared, idle and loopback-only), while
// every ippeveprinter we start is killed by stop() — call it in afterAll.

export type TestPrinter = {
  uri: string;
  port: number;
  spoolDir: string;
  setPaper(level: PaperLevel): Promise<void>;
  setToner(level: TonerLevel): Promise<void>;
  isRunning(): boolean;
  stop(): Promise<void>;
};

const SYSTEM_BUS = '/run/dbus/system_bus_socket';

// Loopback only and silent: nothing is multicast on the machine's network (docs/STACK.md).
const AVAHI_CONF = `[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=lo
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
disable-publishing=yes
[reflector]
enable-reflector=no
`;

/** The system D-Bus and a loopback-only avahi-daemon, which ippeveprinter needs to start. */
export async function ensurePrinterServices(): Promise<void> {
  await ensureSystemBus();
  await ensureAvahi();
}

export async function startTestPrinter(): Promise<TestPrinter> {
  await ensurePrinterServices();
  const proc: IppeveprinterProcess = await startIppeveprinter({ startTimeoutMs: 15_000 });
  return {
    uri: proc.uri,
    port: proc.port,
    spoolDir: proc.spoolDir,
    setPaper: proc.setPaper,
    setToner: proc.setToner,
    isRunning: proc.isRunning,
    stop: proc.stop,
  };
}

async function ensureSystemBus(): Promise<void> {
  if (await socketAnswers(SYSTEM_BUS)) return;
  requireRoot('the system D-Bus');
  mkdirSync('/run/dbus', { recursive: true });
  // A pid file left by a dead bus makes dbus-daemon refuse to start.
  rmSync('/run/dbus/pid', { force: true });
  execFileSync('dbus-daemon', ['--system', '--fork'], { stdio: 'ignore' });
  await waitFor(() => socketAnswers(SYSTEM_BUS), 5000, 'the system D-Bus socket');
}

async function ensureAvahi(): Promise<void> {
  if (avahiRunning()) return;
  requireRoot('avahi-daemon');
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-avahi-'));
  const conf = join(dir, 'avahi-daemon.conf');
  writeFileSync(conf, AVAHI_CONF);
  // A pid file left by a dead daemon makes avahi-daemon refuse to start.
  if (existsSync('/run/avahi-daemon/pid')) rmSync('/run/avahi-daemon/pid', { force: true });
  execFileSync('avahi-daemon', ['-D', '--no-drop-root', '--no-chroot', '-f', conf], { stdio: 'ignore' });
  await waitFor(async () => avahiRunning(), 5000, 'avahi-daemon');
}

const avahiRunning = (): boolean => spawnSync('avahi-daemon', ['--check'], { stdio: 'ignore' }).status === 0;

function requireRoot(what: string): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`${what} is not running and starting it needs root (see docs/STACK.md, Debian packages)`);
  }
}

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
