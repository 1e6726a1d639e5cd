import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../tests/support/system';
import type { Db } from '../db/database';
import { getItem } from './catalogue-repository';
import { guideBlocks, renderGuidePdf } from './guide-pdf';
import { installCatalogue } from './install';
import { fixtureBundleDir, tempDatabase } from './test-support';

describe.skipIf(!needs('pdftotext', 'poppler-utils'))('renderGuidePdf', { timeout: 60_000 }, () => {
  let db: Db;
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ db, dir, cleanup } = tempDatabase());
    installCatalogue(db, fixtureBundleDir, { source: 'fixture' });
  }, 60_000);
  afterAll(() => cleanup());

  it('prints the title, department, seven elements and footer as extractable text', async () => {
    const item = getItem(db, 'HZ-JD-001');
    if (!item) throw new Error('fixture item missing');
    const pdf = await renderGuidePdf(item, { kioskId: 'HZ-K-0042', date: new Date('2026-11-28T08:00:00Z') });
    const file = join(dir, 'guide.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('户籍证明');
    expect(flat).toContain('办事指南·海珠区街道办事处（政务服务中心）');
    for (const block of guideBlocks(item)) {
      expect(flat).toContain(block.heading.replace(/\s+/g, ''));
      for (const line of block.lines) expect(flat).toContain(line.replace(/\s+/g, ''));
    }
    expect(flat).toContain('终端HZ-K-0042·打印日期2026-11-28');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    // A subset name is six capitals and a plus; "yes" in the emb and sub columns.
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('is byte-identical for the same item and date', async () => {
    const item = getItem(db, 'HZ-SCJGJ-001');
    if (!item) throw new Error('fixture item missing');
    const options = { kioskId: 'HZ-K-0042', date: new Date('2026-11-28T08:00:00Z') };
    expect(Buffer.compare(await renderGuidePdf(item, options), await renderGuidePdf(item, options))).toBe(0);
  });
});
