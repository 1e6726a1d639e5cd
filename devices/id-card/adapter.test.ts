import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdCardReader } from './adapter';
import { SAMPLE_CARD } from './protocol/sample-card.test-support';
import { createMemorySerialPair } from './memory-link';
import { IdCardSimulator } from './simulator';

// Unit tests of the reader loop with fake timers and production timings. The two ends are joined
// in memory (memory-link.ts) here; the proof over the real serialport binding and a real pty is in
// tests/integration/id-card-reader.test.ts.

describe('IdCardReader loop (fake timers, in-memory wire)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses the production cadence: heartbeat every 3 s, find every 300 ms', async () => {
    const wire = createMemorySerialPair();
    const sim = await IdCardSimulator.start({ path: 'device', openLink: wire.open });
    const reader = new IdCardReader({ path: 'host', openLink: wire.open });
    await reader.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(reader.status()).toMatchObject({ device: 'online', media: 'notPresent' });
    const start = sim.received.length;
    await vi.advanceTimersByTimeAsync(3000);
    const window = sim.received.slice(start);
    expect(window.filter((c) => c === 'find')).toHaveLength(10);
    expect(window.filter((c) => c === 'status')).toHaveLength(1);
    await reader.close();
    await sim.close();
  });

  it('emits card.inserted and card.removed, and close() leaves no timer behind', async () => {
    const wire = createMemorySerialPair();
    const sim = await IdCardSimulator.start({ path: 'device', openLink: wire.open });
    const reader = new IdCardReader({ path: 'host', openLink: wire.open });
    const inserted = vi.fn();
    const removed = vi.fn();
    reader.on('card.inserted', inserted);
    reader.on('card.removed', removed);
    await reader.open();
    sim.insert(SAMPLE_CARD);
    await vi.advanceTimersByTimeAsync(700);
    expect(inserted).toHaveBeenCalledTimes(1);
    expect(inserted.mock.calls[0]?.[0].identity).toMatchObject({ name: '张三', nationText: '汉', validTo: '长期' });
    await vi.advanceTimersByTimeAsync(3000);
    expect(removed).not.toHaveBeenCalled();
    sim.remove();
    await vi.advanceTimersByTimeAsync(700);
    expect(removed).toHaveBeenCalledWith(expect.objectContaining({ reason: 'removed' }));
    await reader.close();
    await sim.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports busy while it reads a card, and online again once read', async () => {
    const wire = createMemorySerialPair();
    const sim = await IdCardSimulator.start({ path: 'device', openLink: wire.open });
    const reader = new IdCardReader({ path: 'host', openLink: wire.open });
    const seen: string[] = [];
    reader.on('status', (s) => seen.push(`${s.device} ${s.media} ${s.detail ?? ''}`));
    reader.on('card.inserted', () => seen.push('card.inserted'));
    await reader.open();
    await vi.advanceTimersByTimeAsync(0);
    seen.length = 0;
    sim.insert(SAMPLE_CARD);
    await vi.advanceTimersByTimeAsync(700);
    expect(seen).toEqual(['online present SAM ok', 'busy present reading card', 'card.inserted', 'online present SAM ok']);
    // Polling a card already read is not busy.
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen.filter((s) => s.startsWith('busy'))).toHaveLength(1);
    expect(reader.status().device).toBe('online');
    await reader.close();
    await sim.close();
  });

  it('reopens with backoff while the port is missing, and close() cancels the backoff', async () => {
    const wire = createMemorySerialPair();
    const sim = await IdCardSimulator.start({ path: 'device', openLink: wire.open, reattachMs: 100 });
    const reader = new IdCardReader({ path: 'host', openLink: wire.open });
    const states: string[] = [];
    reader.on('status', (s) => states.push(s.device));
    await reader.open();
    await vi.advanceTimersByTimeAsync(0);
    wire.unplug();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reader.status()).toMatchObject({ device: 'noDevice', detail: expect.stringContaining('cannot open') });
    wire.replug();
    await vi.advanceTimersByTimeAsync(6000);
    expect(reader.status().device).toBe('online');
    expect(states).toEqual(expect.arrayContaining(['online', 'noDevice']));
    wire.unplug();
    await vi.advanceTimersByTimeAsync(1000);
    await reader.close();
    await sim.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
