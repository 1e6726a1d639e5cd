import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// DESIGN.md §3 as executable rules: each wrong arrow below must be a lint error, each right one clean.
const eslint = new ESLint({ cwd: new URL('../../', import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('who may import whom', () => {
  const wrong: Array<[string, string]> = [
    ['contract/x.ts', "import { startKiosk } from '../main/app';"],
    ['devices/id-card/x.ts', "import { KioskError } from '../../contract';"],
    ['devices/id-card/x.ts', "import { createLogger } from '../../main/log/logger';"],
    ['main/catalogue/x.ts', "import { app } from 'electron';"],
    ['main/catalogue/x.ts', "import { x } from '../../fixtures/platform/server';"],
    ['main/catalogue/x.ts', "import { x } from '../shell/window';"],
    ['renderer/screens/x.ts', "import { openDatabase } from '../../main/db/database';"],
    ['renderer/screens/x.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/screens/x.ts', "import { x } from '../../devices/id-card';"],
    ['fixtures/platform/x.ts', "import { startKiosk } from '../../main/app';"],
  ];
  for (const [file, code] of wrong) {
    it(`refuses ${file}: ${code}`, async () => {
      expect(await problems(file, code)).not.toEqual([]);
    });
  }

  const right: Array<[string, string]> = [
    ['main/shell/x.ts', "import { app } from 'electron';"],
    ['main/app2.ts', "import { channels } from '../contract';"],
    ['main/app2.ts', "import { TypedEmitter } from '../devices/shared/emitter';"],
    ['renderer/x.ts', "import { channels } from '../contract';"],
    ['fixtures/platform/x.ts', "import { TypedEmitter } from '../../devices/shared/emitter';"],
  ];
  for (const [file, code] of right) {
    it(`allows ${file}: ${code}`, async () => {
      expect(await problems(file, code)).toEqual([]);
    });
  }
});
