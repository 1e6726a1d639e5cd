import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type CjkFont = { regular: string; bold: string };

/** Noto Sans Hans Regular and Bold from @embedpdf/fonts-sc (STACK.md); a packaged app passes its own paths. */
export function defaultCjkFont(): CjkFont {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return { regular: join(dir, 'NotoSansHans-Regular.otf'), bold: join(dir, 'NotoSansHans-Bold.otf') };
}
