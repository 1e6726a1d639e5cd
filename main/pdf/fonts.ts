import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Noto Sans Hans (OFL-1.1) from @embedpdf/fonts-sc: OTF works with pdfkit, embeds as a subset with a
// Unicode map, so `pdftotext` gets the text back verbatim (STACK.md). Regular and Bold only.
const require = createRequire(import.meta.url);
// The package exports no subpaths: resolve its entry (dist/index.cjs) and step up to fonts/.
const fontDir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

export const CJK_FONT = {
  regular: join(fontDir, 'NotoSansHans-Regular.otf'),
  bold: join(fontDir, 'NotoSansHans-Bold.otf'),
} as const;

const cache = new Map<keyof typeof CJK_FONT, Buffer>();

/** A face's file, read once per process: pdfkit would otherwise read 8 MB from disk per document. */
export function cjkFontData(face: keyof typeof CJK_FONT = 'regular'): Buffer {
  let data = cache.get(face);
  if (!data) {
    data = readFileSync(CJK_FONT[face]);
    cache.set(face, data);
  }
  return data;
}

const parsed = new Map<keyof typeof CJK_FONT, fontkit.Font>();

/**
 * The face parsed once per process. pdfkit accepts a fontkit font in place of bytes and subsets it per
 * document; reusing the parsed font keeps fontkit's glyph caches warm, which is most of a
 * certificate's render time (pdfkit would otherwise parse the 8 MB OTF for every document).
 */
export function cjkFont(face: keyof typeof CJK_FONT = 'regular'): fontkit.Font {
  let font = parsed.get(face);
  if (!font) {
    font = fontkit.create(cjkFontData(face)) as fontkit.Font;
    parsed.set(face, font);
  }
  return font;
}
