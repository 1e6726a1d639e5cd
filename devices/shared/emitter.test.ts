import { describe, expect, it } from 'vitest';
import { TypedEmitter } from './emitter';

describe('TypedEmitter', () => {
  it('delivers to every listener and isolates one that throws', () => {
    const emitter = new TypedEmitter<{ tick: number }>();
    const seen: number[] = [];
    emitter.on('tick', () => {
      throw new Error('boom');
    });
    const off = emitter.on('tick', (n) => seen.push(n));
    emitter.emit('tick', 1);
    off();
    emitter.emit('tick', 2);
    expect(seen).toEqual([1]);
  });
});
