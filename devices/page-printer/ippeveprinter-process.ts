import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { IppClient, isSuccess } from './ipp-client';
import { armPaperOutMidJob, paperLoaded, writeCommand } from './ippeveprinter-command';

// The demo profile's A4 printer when no real one exists: CUPS's own IPP Everywhere test printer,
// `ippeveprinter`, on a loopback port. It is a real IPP server, so the kiosk's IPP adapter runs
// unchanged against it. It needs a system D-Bus and avahi-daemon running (docs/STACK.md): it
// refuses to start with "Unable to initialize DNS-SD" otherwise.

export type PaperLevel = 'full' | 'low' | 'out';
export type TonerLevel = 'full' | 'low' | 'out';

export class IppeveprinterError extends Error {
  constructor(
    readonly code: 'IPPEVEPRINTER_MISSING' | 'IPPEVEPRINTER_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'IppeveprinterError';
  }
}

export type IppeveprinterOptions = {
  /** Printer name (default KioskA4). */
  name?: string;
  /** Fixed port; default a free loopback port. */
  port?: number;
  /** Spool directory; default a fresh temp dir, removed by stop(). */
  spoolDir?: string;
  /** How long to wait for the first answer (default 10 000 ms). */
  startTimeoutMs?: number;
  /** Where the program's own log lines go (default: kept in memory for error messages). */
  onLog?: (line: string) => void;
  /**
   * Print every job through ippeveprinter-command.ts (`-c`), taking this many seconds, so that
   * `paperOutMidJob()` can stop a job part-way. Without it ippeveprinter sleeps 5–15 s per job
   * and cannot run out of paper once a job has started.
   */
  printSeconds?: number;
};

export type IppeveprinterProcess = {
  /** ipp://127.0.0.1:PORT/ipp/print */
  uri: string;
  port: number;
  spoolDir: string;
  pid: number;
  /** Load the main tray: full 250 sheets, low 5 sheets (media-low), out 0 (media-empty). */
  setPaper(level: PaperLevel): Promise<void>;
  /** Black toner: full 100 %, low 5 % (toner-low), out 0 % (toner-empty). */
  setToner(level: TonerLevel): Promise<void>;
  /**
   * The next job runs out of paper part-way: it stays `processing` while the printer reports
   * media-empty/media-needed, until `setPaper('full' | 'low')` loads paper; then it finishes.
   * Needs `printSeconds` (throws otherwise).
   */
  paperOutMidJob(): Promise<void>;
  /** True while the process runs. */
  isRunning(): boolean;
  /** Kill the process (SIGTERM, then SIGKILL) and remove a spool dir we created. */
  stop(): Promise<void>;
};

const SBIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** Absolute path of ippeveprinter (Debian puts it in /usr/sbin, often not on a user's PATH). */
export function findIppeveprinter(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, 'ippeveprinter');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startIppeveprinter(options: IppeveprinterOptions = {}): Promise<IppeveprinterProcess> {
  const binary = findIppeveprinter();
  if (!binary) {
    throw new IppeveprinterError(
      'IPPEVEPRINTER_MISSING',
      'ippeveprinter is not installed: apt-get install cups-ipp-utils (the demo A4 printer needs it)',
    );
  }
  const port = options.port ?? (await freeLoopbackPort());
  const ownSpool = options.spoolDir === undefined;
  const spoolDir = options.spoolDir ?? (await mkdtemp(join(tmpdir(), 'kiosk-ippeve-')));
  const logTail: string[] = [];
  const onLine = (line: string) => {
    logTail.push(line);
    if (logTail.length > 20) logTail.shift();
    options.onLog?.(line);
  };
  // -n localhost makes it listen on loopback only (without it, it binds every interface);
  // -k keeps spooled files (the demo and tests inspect them); -f limits formats to PDF;
  // -c runs our command per document (see ippeveprinter-command.ts).
  const command = options.printSeconds === undefined ? [] : ['-c', await writeCommand(spoolDir, options.printSeconds)];
  const args = ['-n', 'localhost', '-p', String(port), '-k', '-d', spoolDir, '-f', 'application/pdf', ...command, options.name ?? 'KioskA4'];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.setEncoding('utf8').on('data', (t: string) => t.split('\n').filter(Boolean).forEach(onLine));
  child.stderr?.setEncoding('utf8').on('data', (t: string) => t.split('\n').filter(Boolean).forEach(onLine));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  // If the kiosk (or a test worker) exits without calling stop(), do not leave the printer behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const uri = `ipp://127.0.0.1:${port}/ipp/print`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await killChild(child);
    if (ownSpool) await rm(spoolDir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(uri, child, spawnError, options.startTimeoutMs ?? 10_000, logTail);
  } catch (err) {
    await stop();
    throw err;
  }
  const form = (path: string) => httpGet(`http://127.0.0.1:${port}${path}`);
  return {
    uri,
    port,
    spoolDir,
    pid: child.pid ?? -1,
    // The media form sets every tray at once; by-pass-tray level -2 ("unknown") keeps it from
    // raising media-empty on its own (a missing level counts as 0 sheets).
    setPaper: async (level) => {
      const sheets = level === 'full' ? 250 : level === 'low' ? 5 : 0;
      if (sheets > 0) await paperLoaded(spoolDir);
      return form(`/media?size1=iso_a4_210x297mm&type1=stationery&level1=${sheets}&size3=&type3=&level3=-2`);
    },
    paperOutMidJob: async () => {
      if (options.printSeconds === undefined) {
        throw new IppeveprinterError('IPPEVEPRINTER_FAILED', 'paper out mid-job needs the print command (start with printSeconds)');
      }
      await armPaperOutMidJob(spoolDir);
    },
    // supply0 is the waste-toner tank (0 = empty tank, fine), supply1 the black toner.
    setToner: (level) => {
      const percent = level === 'full' ? 100 : level === 'low' ? 5 : 0;
      return form(`/supplies?supply0=0&supply1=${percent}`);
    },
    isRunning: () => child.exitCode === null && child.signalCode === null,
    stop,
  };
}

async function waitUntilAnswering(
  uri: string,
  child: ChildProcess,
  spawnError: Promise<Error>,
  timeoutMs: number,
  logTail: string[],
): Promise<void> {
  const client = new IppClient({ uri, timeoutMs: 1000 });
  const deadline = Date.now() + timeoutMs;
  let failure: Error | undefined;
  void spawnError.then((e) => (failure = e));
  for (;;) {
    if (failure) throw new IppeveprinterError('IPPEVEPRINTER_FAILED', `ippeveprinter did not start: ${failure.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      const hint = logTail.some((l) => l.includes('DNS-SD'))
        ? ' (it needs a system D-Bus and avahi-daemon running; see docs/STACK.md)'
        : '';
      throw new IppeveprinterError('IPPEVEPRINTER_FAILED', `ippeveprinter exited: ${logTail.join(' | ')}${hint}`);
    }
    try {
      const res = await client.request('Get-Printer-Attributes', { 'requested-attributes': ['printer-state'] });
      if (isSuccess(res.statusCode)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new IppeveprinterError('IPPEVEPRINTER_FAILED', `ippeveprinter did not answer within ${timeoutMs} ms: ${logTail.join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function httpGet(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url} answered HTTP ${res.statusCode ?? '?'}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer`)));
    req.on('error', reject);
  });
}
