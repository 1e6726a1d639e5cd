import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging, createLogger } from './logger';

afterEach(() => configureLogging({ level: 'silent' }));

describe('logger', () => {
  it('redacts ID numbers, names and card numbers in objects and messages', () => {
    const lines: string[] = [];
    configureLogging({ level: 'info', sink: (l) => lines.push(l) });
    const log = createLogger('id-card');
    log.info({ identity: { name: '张三', idNumber: '440105195803129994' }, cardNumber: 'A00000001' }, 'card read');
    log.warn('lookup failed for 440105195803129994 card A00000001');
    log.error({ err: new Error('bad id 440105195803129994') }, 'boom');
    const text = lines.join('');
    expect(text).not.toMatch(/张三|195803129994|A00000001/);
    expect(text).toContain('440105********9994');
    expect(text).toContain('张*');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ module: 'id-card', msg: 'card read' });
  });

  it('rotates files at the size cap and keeps a bounded number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    try {
      configureLogging({ level: 'info', file: { path: join(dir, 'kiosk.log'), maxBytes: 2000, keep: 2 } });
      const log = createLogger('t');
      for (let i = 0; i < 200; i++) log.info({ i }, 'a line that fills the log file');
      configureLogging({ level: 'silent' });
      const files = readdirSync(dir).sort();
      expect(files).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2']);
      for (const f of files) expect(readFileSync(join(dir, f)).byteLength).toBeLessThanOrEqual(2000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
