import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceClock } from '../shared/clock';
import { IdCardError } from './id-card-error';
import { findOkFrame, okFrame } from './protocol/reader-side';
import { SamExchange } from './sam-exchange';

// A clock whose timers fire only when the test says so.
function manualClock() {
  const timers = new Map<number, () => void>();
  let next = 0;
  const clock: DeviceClock = {
    now: () => new Date(0),
    setTimeout: (fn) => {
      timers.set(++next, fn);
      return next;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
  };
  const fireAll = () => {
    for (const [id, fn] of [...timers]) {
      timers.delete(id);
      fn();
    }
  };
  return { clock, fireAll, pending: () => timers.size };
}

const link = { write: async () => undefined, close: async () => undefined };

describe('SamExchange', () => {
  it('settles with the reply and clears its timer', async () => {
    const { clock, pending } = manualClock();
    const exchange = new SamExchange(link, clock);
    const result = exchange.send('find', 1000);
    exchange.receive(findOkFrame());
    await expect(result).resolves.toMatchObject({ kind: 'ok' });
    expect(pending()).toBe(0);
  });

  it('drops a late frame that arrives when nothing is pending', async () => {
    const { clock, fireAll } = manualClock();
    const dropped: string[] = [];
    const exchange = new SamExchange(link, clock, (what) => dropped.push(what));
    const first = exchange.send('status', 1000);
    fireAll();
    await expect(first).rejects.toMatchObject({ reason: 'timeout' });
    exchange.receive(okFrame());
    expect(dropped).toEqual(['late frame']);
    const second = exchange.send('status', 1000);
    exchange.receive(okFrame());
    await expect(second).resolves.toMatchObject({ kind: 'ok' });
  });

  it('property: any reply bytes to any command settle as an outcome or an IdCardError', async () => {
    const commands = ['status', 'find', 'select', 'readTextPhoto', 'readChipId'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 8 }), async (command, chunks) => {
        const { clock, fireAll, pending } = manualClock();
        const exchange = new SamExchange(link, clock);
        const result = exchange.send(command, 1000);
        for (const chunk of chunks) exchange.receive(chunk);
        fireAll();
        try {
          const outcome = await result;
          expect(['ok', 'status']).toContain(outcome.kind);
        } catch (e) {
          expect(e).toBeInstanceOf(IdCardError);
        }
        expect(pending()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
