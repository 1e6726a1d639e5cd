import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { armPaperOutMidJob, PAPER_OUT_NEXT_JOB, PAPER_OUT_NOW, paperLoaded, writeCommand } from './ippeveprinter-command';

// The print command run directly, the way ippeveprinter runs it (`command <spooled file>`, stderr
// read line by line); the real ippeveprinter is in tests/integration/page-printer-mid-job.test.ts.

function run(command: string, document: string) {
  const child = spawn(command, [document], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { stderr: () => stderr, exit, running: () => child.exitCode === null };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('ippeveprinter print command', () => {
  let dir: string;
  let document: string;
  let command: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-print-command-'));
    document = join(dir, '1-kiosk-certificate-x.pdf');
    writeFileSync(document, '%PDF-1.4\n');
    command = await writeCommand(dir, 0.2);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('unarmed: prints and exits 0 without touching printer-state-reasons', async () => {
    const job = run(command, document);
    expect(await job.exit).toBe(0);
    expect(job.stderr()).not.toContain('STATE:');
  });

  it('armed: reports media-empty, waits with the job open until paper is loaded, then clears it and exits 0', async () => {
    await armPaperOutMidJob(dir);
    const job = run(command, document);
    await until(() => job.stderr().includes('STATE: +media-empty-error,media-needed-error'), 'the paper-out report');
    // The switch is used up by this job; the job waits.
    expect(existsSync(join(dir, PAPER_OUT_NEXT_JOB))).toBe(false);
    expect(existsSync(join(dir, PAPER_OUT_NOW))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(job.running()).toBe(true);
    expect(job.stderr()).not.toContain('STATE: -media-empty');

    await paperLoaded(dir);
    expect(await job.exit).toBe(0);
    expect(job.stderr()).toContain('STATE: -media-empty-error,media-needed-error');
    // The next job prints straight through.
    const next = run(command, document);
    expect(await next.exit).toBe(0);
    expect(next.stderr()).not.toContain('STATE:');
  });

  it('paper loaded before the next job disarms the switch', async () => {
    await armPaperOutMidJob(dir);
    await paperLoaded(dir);
    const job = run(command, document);
    expect(await job.exit).toBe(0);
    expect(job.stderr()).not.toContain('STATE:');
  });
});
