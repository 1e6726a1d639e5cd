import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SocialSecurityCardReader } from './adapter';
import { HidCardTransport } from './hid-transport';
import { SAMPLE_SS_CARD } from './sample-cards.test-support';
import { SimulatedSsCard } from './simulated-card';
import { SimulatedHidReader } from './simulator';

// The adapter loop under fake timers with the production poll interval; the end-to-end proofs
// are in tests/integration/ss-card-reader.test.ts.
describe('SocialSecurityCardReader loop (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = (sim: SimulatedHidReader) =>
    new SocialSecurityCardReader({ openTransport: async () => new HidCardTransport(sim.open()), transportName: 'test' });

  it('polls the slot every 500 ms and reads an inserted card once', async () => {
    const sim = new SimulatedHidReader();
    const reader = make(sim);
    const inserted = vi.fn();
    reader.on('card.inserted', inserted);
    await reader.open();
    await vi.advanceTimersByTimeAsync(0);
    const before = sim.received.length;
    await vi.advanceTimersByTimeAsync(2000);
    expect(sim.received.length - before).toBe(4);
    sim.insert(new SimulatedSsCard(SAMPLE_SS_CARD));
    await vi.advanceTimersByTimeAsync(2000);
    expect(inserted).toHaveBeenCalledTimes(1);
    expect(inserted.mock.calls[0]?.[0].identity).toMatchObject({ name: '张三', nationText: '汉', ssnValid: true });
    await reader.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports busy while it reads a card, and online again after a read or a refused one', async () => {
    const sim = new SimulatedHidReader();
    const reader = make(sim);
    const seen: string[] = [];
    reader.on('status', (s) => seen.push(`${s.device} ${s.detail ?? ''}`));
    reader.on('card.inserted', () => seen.push('card.inserted'));
    reader.on('error', (e) => seen.push(`error ${e.reason}`));
    await reader.open();
    await vi.advanceTimersByTimeAsync(0);
    seen.length = 0;
    sim.insert(new SimulatedSsCard(SAMPLE_SS_CARD));
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen.filter((s) => s !== 'online ok')).toEqual(['busy reading card', 'card.inserted']);
    expect(seen.at(-1)).toBe('online ok');

    // A card whose data needs the PIN: busy while trying, online again, and the PIN is asked for.
    sim.remove();
    await vi.advanceTimersByTimeAsync(1000);
    seen.length = 0;
    sim.insert(new SimulatedSsCard(SAMPLE_SS_CARD, { pin: '123456', pinProtectsEf06: true }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen.filter((s) => s !== 'online ok')).toEqual(['busy reading card', 'error pinRequired']);
    expect(reader.status().device).toBe('online');
    await reader.close();
  });

  it('backs off while the reader is missing and close() cancels the wait', async () => {
    const sim = new SimulatedHidReader();
    sim.unplug();
    const reader = make(sim);
    const statuses: string[] = [];
    reader.on('status', (s) => statuses.push(s.device));
    await reader.open();
    expect(reader.status()).toMatchObject({ device: 'noDevice', detail: expect.stringContaining('HID device not found') });
    await vi.advanceTimersByTimeAsync(30_000);
    sim.replug();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reader.status().device).toBe('online');
    sim.unplug();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reader.status().device).toBe('noDevice');
    await reader.close();
    expect(vi.getTimerCount()).toBe(0);
    expect(statuses).toEqual(expect.arrayContaining(['noDevice', 'online', 'offline']));
  });
});
