import { describe, expect, it } from 'vitest';
import { KioskError } from '../../contract';
import { configureLogging, createLogger } from '../log/logger';
import { createRouter, type Handlers } from './router';

const handlers = {
  'session.wipe': ({ reason }: { reason: string }) => {
    if (reason === 'home') throw new KioskError('NO_SESSION', 'nothing to wipe');
    if (reason === 'finished') throw new Error('disk on fire at 440105195803129994');
    return {};
  },
} as unknown as Handlers;

describe('router', () => {
  it('runs the handler for a valid request', async () => {
    const router = createRouter(handlers, createLogger('t'));
    expect(await router.dispatch('session.wipe', { reason: 'idle' })).toEqual({ ok: true, value: {} });
  });

  it('answers INVALID_REQUEST for malformed input and unknown channels, without running a handler', async () => {
    const router = createRouter(handlers, createLogger('t'));
    for (const [channel, input] of [
      ['session.wipe', { reason: 'bored' }],
      ['session.wipe', { reason: 'idle', extra: 1 }],
      ['session.wipe', null],
      ['session.wipe', 'idle'],
      ['nope', {}],
      [42, {}],
      ['__proto__', {}],
      ['constructor', {}],
    ] as const) {
      const result = await router.dispatch(channel, input);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });

  it('passes typed errors through and hides unexpected ones', async () => {
    const lines: string[] = [];
    configureLogging({ level: 'info', sink: (l) => lines.push(l) });
    const router = createRouter(handlers, createLogger('t'));
    expect(await router.dispatch('session.wipe', { reason: 'home' })).toEqual({
      ok: false,
      error: { code: 'NO_SESSION', message: 'nothing to wipe' },
    });
    const hidden = await router.dispatch('session.wipe', { reason: 'finished' });
    expect(hidden).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside the kiosk' } });
    expect(lines.join('')).toContain('disk on fire');
    expect(lines.join('')).not.toContain('195803129994');
    configureLogging({ level: 'silent' });
  });
});
