// Run the ticket-printer simulator by hand:
//   npx tsx devices/ticket-printer/simulator-cli.ts               (makes its own socat pty pair)
//   npx tsx devices/ticket-printer/simulator-cli.ts --device PATH  (serves an existing device end)
// then point the kiosk at the printed host path (KIOSK_TICKET_PRINTER_PORT=…) and type commands.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { TicketPrinterSimulator, type PrintedJob } from './simulator';

const say = (line: string) => process.stdout.write(`${line}\n`);

const HELP = `commands:
  paper full|low|out     cover open|closed     cutter error|ok
  offline on|off         silent on|off         state     jobs     help     quit`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { device: { type: 'string' }, baud: { type: 'string', default: '9600' } } });
  let socat: ChildProcess | undefined;
  let dir: string | undefined;
  let devicePath = values.device;
  if (!devicePath) {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-ticket-sim-'));
    const hostPath = join(dir, 'host');
    devicePath = join(dir, 'device');
    socat = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: 'ignore' });
    socat.on('error', (err) => {
      say(`cannot start socat (apt-get install socat): ${err.message}`);
      process.exit(1);
    });
    await waitForPath(devicePath, 5000);
    say(`kiosk side of the printer: ${hostPath}`);
    say(`  e.g. KIOSK_TICKET_PRINTER_PORT=${hostPath}`);
  }
  const sim = new TicketPrinterSimulator({ path: devicePath, baudRate: Number(values.baud) });
  sim.on('job', (job) => say(formatJob(job, sim.jobs.length)));
  sim.on('detached', () => say('(device end closed; waiting for it to come back)'));
  await sim.start();
  say(`simulating a thermal printer on ${devicePath} at ${values.baud} baud`);
  say(HELP);

  const shutdown = async () => {
    await sim.stop();
    socat?.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());

  const rl = createInterface({ input: process.stdin });
  for await (const raw of rl) {
    const [cmd, arg] = raw.trim().split(/\s+/);
    switch (cmd) {
      case 'paper':
        if (arg === 'full' || arg === 'low' || arg === 'out') sim.setPaper(arg);
        else say('paper full|low|out');
        break;
      case 'cover':
        sim.set({ coverOpen: arg === 'open' });
        break;
      case 'cutter':
        sim.set({ cutterError: arg === 'error' });
        break;
      case 'offline':
        sim.set({ offline: arg === 'on' });
        break;
      case 'silent':
        sim.set({ silent: arg === 'on' });
        break;
      case 'state':
        say(JSON.stringify(sim.getState()));
        break;
      case 'jobs':
        sim.jobs.forEach((j, i) => say(formatJob(j, i + 1)));
        break;
      case 'quit':
      case 'exit':
        await shutdown();
        return;
      case '':
      case undefined:
        break;
      default:
        say(HELP);
    }
    if (cmd && cmd !== 'jobs' && cmd !== 'state' && cmd !== 'help') say(`state: ${JSON.stringify(sim.getState())}`);
  }
  await shutdown();
}

function formatJob(job: PrintedJob, n: number): string {
  const t = job.ticket;
  const lines = t.lines.map((l) => {
    const mark = `${l.align[0]}${l.width > 1 ? '2x' : '  '}${l.bold ? 'B' : ' '}`;
    return `  [${mark}] ${l.text}`;
  });
  const qr = t.qr.map((q) => `  [QR ] ${q.data}`);
  return [`--- job ${n} (${job.bytes.length} bytes${job.printed ? '' : ', NOT printed: printer not ready'}, cuts ${t.cuts})`, ...lines, ...qr].join('\n');
}

async function waitForPath(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await access(path);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`socat did not create ${path}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

void main();
