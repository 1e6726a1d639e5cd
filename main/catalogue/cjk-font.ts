import { CJK_FONT } from '../pdf/fonts';

export type CjkFont = { regular: string; bold: string };

/** Noto Sans Hans Regular and Bold (main/pdf/fonts.ts); a packaged app may pass its own paths. */
export function defaultCjkFont(): CjkFont {
  return { ...CJK_FONT };
}
