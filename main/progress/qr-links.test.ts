import { describe, expect, test } from 'vitest';
import { checkQrLinksConfig, DEFAULT_QR_LINKS, fill, qrLinksOf } from './qr-links';

describe('QR addresses from the platform config', () => {
  test('filled in URL-encoded: the number and the kiosk id', () => {
    expect(fill(DEFAULT_QR_LINKS.queue, { number: 'A012', kiosk: 'HZ kiosk/7' })).toBe('https://zwfw.haizhu.gov.cn/queue?k=HZ%20kiosk%2F7&n=A012');
    expect(fill(DEFAULT_QR_LINKS.case, { number: 'HZ-20261120-001283', kiosk: 'K' })).toBe('https://zwfw.haizhu.gov.cn/progress?no=HZ-20261120-001283');
  });

  test('no qrLinks, or part of them: the defaults fill the rest', () => {
    expect(qrLinksOf(undefined)).toEqual(DEFAULT_QR_LINKS);
    expect(qrLinksOf({ qrLinks: { case: 'https://a.example/{number}' } })).toEqual({ case: 'https://a.example/{number}', queue: DEFAULT_QR_LINKS.queue });
    // One bad address does not take the good one down with it when read (the update refuses both).
    expect(qrLinksOf({ qrLinks: { case: 'ftp://a.example/{number}', queue: 'https://b.example/{number}' } })).toEqual({ case: DEFAULT_QR_LINKS.case, queue: 'https://b.example/{number}' });
  });

  test('the update check refuses what could not be printed or scanned, naming the field', () => {
    expect(() => checkQrLinksConfig({})).not.toThrow();
    expect(() => checkQrLinksConfig({ qrLinks: { case: 'https://a.example/{number}' } })).not.toThrow();
    expect(() => checkQrLinksConfig({ qrLinks: { case: 'http://a.example/{number}' } })).toThrow(/qrLinks: case must be an https:\/\/ address/);
    expect(() => checkQrLinksConfig({ qrLinks: { case: 'https://a.example/' } })).toThrow(/case must contain \{number\}/);
    expect(() => checkQrLinksConfig({ qrLinks: { queue: 'https://a.example/{number}/{name}' } })).toThrow(/queue knows only \{number\} and \{kiosk\}/);
    expect(() => checkQrLinksConfig({ qrLinks: { case: `https://a.example/${'x'.repeat(200)}{number}` } })).toThrow(/qrLinks: case/);
    expect(() => checkQrLinksConfig({ qrLinks: { slip: 'https://a.example/{number}' } })).toThrow(/qrLinks/);
    expect(() => checkQrLinksConfig({ qrLinks: 'https://a.example/{number}' })).toThrow(/qrLinks/);
  });
});
