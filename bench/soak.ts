// Memory over a long day (KIOSK-UX pain point 8: "memory that grows until a nightly reboot is
// needed"). A real demo kiosk process (browser shell, simulators on ptys, platform simulator)
// serves resident visits over its WebSocket exactly as the screen does: search, open a guide,
// place an ID card, render a 户籍证明 for preview, take the card, end the session. The kiosk
// process's resident set after a warm-up is the baseline; the ratio is baseline / after the whole
// run (1 = flat; below 1 = growth). `npx tsx bench/soak.ts [visits]` prints the rows.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { Result, WsResponse } from '../contract';
import { startKioskProcess, type KioskProcess } from '../tests/support/kiosk-process';
import type { BenchRow } from './table';

const QUERIES = ['户籍', 'hjzm', '社保', '婚育', '居住证', '医保', '残疾', 'ylbx'];
const WARM_UP = 100;
/** A day of a busy kiosk is a few hundred visits; growth beyond 15 % over that is a leak to chase. */
const MAX_GROWTH = 1.15;

/** The kiosk's window.kiosk, spoken over its WebSocket from outside a browser. */
async function connect(kiosk: KioskProcess) {
  const ws = new WebSocket(`ws://${new URL(kiosk.origin).host}/kiosk?secret=${encodeURIComponent(kiosk.secret)}`, { origin: kiosk.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Partial<WsResponse>;
    if (typeof frame.id === 'number' && frame.result) waiting.get(frame.id)?.(frame.result);
  });
  const invoke = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const id = next++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, input }));
    });
    waiting.delete(id);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return { invoke, close: () => ws.close() };
}

const rssMiB = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? Number.NaN) / 1024;
};

async function visit(kiosk: Awaited<ReturnType<typeof connect>>, n: number): Promise<void> {
  const hits = await kiosk.invoke<{ item: { id: string } }[]>('catalogue.search', { query: QUERIES[n % QUERIES.length] });
  if (hits[0]) await kiosk.invoke('catalogue.item', { id: hits[0].item.id });
  await kiosk.invoke('simulator.control', { action: 'insertIdCard', residentId: 'R001' });
  for (let i = 0; i < 200 && !(await kiosk.invoke<{ identified: boolean }>('session.current')).identified; i++) await new Promise((r) => setTimeout(r, 25));
  const certificate = await kiosk.invoke<{ pdf: string }>('certificate.issue', { type: 'household' });
  if (certificate.pdf.length < 1000) throw new Error('no certificate PDF');
  await kiosk.invoke('simulator.control', { action: 'removeIdCard' });
  await kiosk.invoke('session.wipe', { reason: 'finished' });
}

export async function benchSoak(options: { visits?: number } = {}): Promise<BenchRow[]> {
  const visits = options.visits ?? Number(process.env.BENCH_SOAK_VISITS ?? 400);
  const kiosk = await startKioskProcess();
  try {
    const api = await connect(kiosk);
    try {
      for (let n = 0; n < WARM_UP; n++) await visit(api, n);
      const baseline = rssMiB(kiosk.pid);
      const start = performance.now();
      for (let n = WARM_UP; n < visits; n++) await visit(api, n);
      const perVisit = (performance.now() - start) / Math.max(1, visits - WARM_UP);
      const end = rssMiB(kiosk.pid);
      return [
        {
          name: `kiosk process memory after ${visits} visits (search, guide, ID card, 户籍证明 preview, wipe) (alternative: after the ${WARM_UP}-visit warm-up)`,
          value: Math.round(end),
          unit: 'MiB RSS',
          baseline: Math.round(baseline),
          ratio: Number((baseline / end).toFixed(2)),
          target: `≤ ${MAX_GROWTH}× the warm-up`,
          ok: end <= baseline * MAX_GROWTH,
        },
        { name: 'one such visit, served end to end (mean over the run after the warm-up)', value: Math.round(perVisit), unit: 'ms' },
      ];
    } finally {
      api.close();
    }
  } finally {
    await kiosk.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const visits = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const row of await benchSoak(visits === undefined ? {} : { visits })) console.log(row);
}
