import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openBrowser } from '../tests/support/browser';
import { chineseDate } from '../main/certificates/certificate-text';
import { sampleCertificateJob } from './certificate-sample';
import { percentile, type BenchRow } from './table';

const RUNS = 30;

/**
 * Certificate PDF time: the first one in a fresh process, then warm p50/p95, against the same
 * certificate rendered as HTML through headless Chromium's print-to-PDF in this run.
 */
export async function benchCertificate(): Promise<BenchRow[]> {
  const sample = fileURLToPath(new URL('./certificate-sample.ts', import.meta.url));
  const first = (JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', sample], { encoding: 'utf8' })) as { firstMs: number }).firstMs;

  const job = sampleCertificateJob();
  const cert = await job();
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await job();
    warm.push(performance.now() - start);
  }

  const html = `<!doctype html><meta charset="utf-8"><style>body{font-family:'Noto Sans CJK SC';margin:72px}h1{text-align:center;letter-spacing:8px}p{text-indent:2em;line-height:2}</style>
    <h1>${cert.text.title}</h1><div style="text-align:right">证明编号：${cert.text.number}</div><hr>
    ${cert.text.paragraphs.map((p) => `<p>${p}</p>`).join('')}
    <div style="text-align:right">${cert.text.issuer}<br>${chineseDate(cert.text.issuedOn)}</div>
    <div>核验码：${cert.verificationCode}</div>${cert.text.notes.map((n) => `<p>${n}</p>`).join('')}`;
  const browser = await openBrowser();
  const chromium: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await browser.page.setContent(html);
      await browser.page.pdf({ format: 'A4' });
      chromium.push(performance.now() - start);
    }
  } finally {
    await browser.close();
  }
  const p50 = percentile(warm, 50);
  const p95 = percentile(warm, 95);
  const c50 = percentile(chromium, 50);
  const c95 = percentile(chromium, 95);
  return [
    { name: 'certificate PDF, first in a fresh process', value: first, unit: 'ms', target: '≤ 600 ms', ok: first <= 600 },
    { name: 'certificate PDF, warm p50', value: p50, unit: 'ms', baseline: c50, ratio: c50 / p50 },
    { name: 'certificate PDF, warm p95', value: p95, unit: 'ms', target: '≤ 150 ms', ok: p95 <= 150, baseline: c95, ratio: c95 / p95 },
  ];
}
