import { describe, expect, it } from 'vitest';
import { KioskError } from '../../contract/errors';
import { systemClock } from '../util/clock';
import { checkPlatformUrl, parseSseBlock, PlatformClient, retryAfterMs } from './platform-client';

describe('checkPlatformUrl', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(checkPlatformUrl('https://platform.example.gov.cn').host).toBe('platform.example.gov.cn');
    for (const ok of ['http://127.0.0.1:8700', 'http://localhost:1', 'http://[::1]:9', 'http://127.8.9.10']) expect(() => checkPlatformUrl(ok)).not.toThrow();
    for (const bad of ['http://10.0.0.5', 'http://platform.example.gov.cn', 'http://127.0.0.1.evil.example', 'ftp://127.0.0.1', 'not a url']) {
      expect(() => checkPlatformUrl(bad), bad).toThrow(KioskError);
    }
  });

  it('the client refuses a plain-HTTP platform off loopback at construction', () => {
    expect(() => new PlatformClient({ baseUrl: 'http://192.168.1.9', kioskId: 'K-1', credential: 'x'.repeat(16), clock: systemClock })).toThrow(/https/);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(undefined, 0)).toBeNull();
    expect(retryAfterMs('soon', 0)).toBeNull();
  });
});

describe('parseSseBlock', () => {
  it('reads id, event and multi-line data, ignoring comments', () => {
    expect(parseSseBlock(': keep-alive\nid: 7\nevent: version\ndata: {"a":\ndata: 1}')).toEqual({ id: '7', event: 'version', data: '{"a":\n1}' });
    expect(parseSseBlock(': keep-alive')).toEqual({ id: null, event: 'message', data: null });
  });
});
