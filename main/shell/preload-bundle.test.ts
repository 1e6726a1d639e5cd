import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { IPC_INVOKE } from '../../contract';

// The preload runs sandboxed: Electron gives it a `require` that knows 'electron' (and a few
// harmless modules) and no file system. This bundles it the way scripts/build.mjs does and runs
// the result with nothing but a fake 'electron', so a stray Node import fails here, not on a kiosk.

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: ['main/shell/preload.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('preload bundle', () => {
  it('requires nothing but electron', async () => {
    const code = await bundle();
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('runs in a bare context with only electron and exposes window.kiosk', async () => {
    const code = await bundle();
    const exposed = new Map<string, unknown>();
    const sent: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: { invoke: async (...args: unknown[]) => sent.push(args), on: () => undefined, removeListener: () => undefined },
    };
    const module = { exports: {} };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`the sandboxed preload cannot require ${name}`);
    };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
    expect([...exposed.keys()]).toEqual(['kiosk']);
    const kiosk = exposed.get('kiosk') as { invoke: (c: string, i: unknown) => Promise<unknown> };
    await kiosk.invoke('app.info', {});
    expect(sent).toEqual([[IPC_INVOKE, 'app.info', {}]]);
  });
});
