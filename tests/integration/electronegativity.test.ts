import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Electronegativity (Doyensec's Electron scanner) over main/, renderer/ and contract/ together, so
// its global checks (CSP, navigation limits, permission handler) see the whole app at once. Its CLI
// exits 0 whatever it finds, so the gate goes through its JavaScript API (runner.js `run`).
// Fails on any HIGH or MEDIUM finding. The one accepted exception is PRELOAD_JS_CHECK, which flags
// every preload for a human: that review is written at the top of main/shell/preload.ts, and this
// test checks it is still there.

type Finding = {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  shortenedURL?: string;
  severity: { name: string; value: number };
  confidence: { name: string };
  manualReview: boolean;
};
type ScanResult = { issues: Finding[]; errors: Array<{ file: string; message: string; tolerable: boolean }> };
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

const repo = resolve(import.meta.dirname, '../..');
const require = createRequire(join(repo, 'package.json'));
const ACCEPTED = new Set(['PRELOAD_JS_CHECK']);
const FAILING = new Set(['HIGH', 'MEDIUM']);

function loadScanner(): Run {
  // Keep the scan offline and deterministic: it fetches translations from S3 at start (1 s timeout)
  // through `got`; answer that fetch with a refusal so the bundled en-US strings are used.
  const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const gotPath = scannerRequire.resolve('got');
  const offline = () => Promise.reject(new Error('electronegativity runs offline in tests'));
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { default: offline, __esModule: true }) } as never;
  const scanner = require('@doyensec/electronegativity') as { default?: Run } & Run;
  return scanner.default ?? scanner;
}

const scan = loadScanner();
const work = mkdtempSync(join(tmpdir(), 'kiosk-electronegativity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scanFolders(root: string, folders: string[], name: string): Promise<ScanResult> {
  const input = join(work, name);
  for (const folder of folders) {
    cpSync(join(root, folder), join(input, folder), {
      recursive: true,
      filter: (path) => !path.split(/[\\/]/).includes('node_modules') && !path.split(/[\\/]/).includes('dist'),
    });
  }
  const lang = process.env.LANG;
  process.env.LANG = 'en-US';
  try {
    return await scan({
      input,
      isRelative: true,
      electronVersionOverride: '45.5.0',
      // Looks up Electron releases on the internet; the version is pinned in package.json instead.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } finally {
    if (lang === undefined) delete process.env.LANG;
    else process.env.LANG = lang;
  }
}

const describeFinding = (f: Finding) =>
  `${f.severity.name}/${f.confidence.name} ${f.id} at ${f.file}:${f.location.line}:${f.location.column}\n    ${f.description}${f.shortenedURL ? ` (${f.shortenedURL})` : ''}`;

describe('Electronegativity scan of main/, renderer/ and contract/', () => {
  it('finds nothing above LOW except the reviewed preload', async () => {
    const result = await scanFolders(repo, ['main', 'renderer', 'contract'], 'app');
    for (const error of result.errors) console.log(`electronegativity could not parse ${error.file}: ${error.message}`);
    const blocking = result.issues.filter((f) => FAILING.has(f.severity.name) && !ACCEPTED.has(f.id));
    const accepted = result.issues.filter((f) => ACCEPTED.has(f.id));
    const shown = [...result.issues].sort((a, b) => b.severity.value - a.severity.value);
    console.log(`electronegativity: ${result.issues.length} finding(s)\n${shown.map((f) => `  ${describeFinding(f)}`).join('\n')}`);
    expect(blocking.map(describeFinding), 'HIGH or MEDIUM findings (fix them, or report them to their owner)').toEqual([]);
    expect(result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`)).toEqual([]);
    // The exception only holds while the review does.
    if (accepted.length > 0) {
      expect(readFileSync(join(repo, 'main/shell/preload.ts'), 'utf8')).toContain('PRELOAD_JS_CHECK — manual review');
    }
  });

  it('does find an insecure window, so the gate above can fail', async () => {
    const root = join(work, 'insecure-src');
    mkdirSync(join(root, 'main'), { recursive: true });
    writeFileSync(
      join(root, 'main', 'bad-window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const open = () => {',
        '  const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
        "  void w.loadURL('http://example.com/');",
        '};',
      ].join('\n'),
    );
    const result = await scanFolders(root, ['main'], 'insecure');
    const ids = new Set(result.issues.filter((f) => FAILING.has(f.severity.name)).map((f) => f.id));
    expect(ids).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(ids).toContain('SANDBOX_JS_CHECK');
    expect(ids).toContain('WEB_SECURITY_JS_CHECK');
    expect(ids).toContain('HTTP_RESOURCES_JS_CHECK');
  });
});
