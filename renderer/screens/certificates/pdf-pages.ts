import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// PDF.js draws the real certificate for the preview (Electron runs with plugins off, so there is no
// built-in PDF viewer). The worker is a file of the renderer build, loaded from 'self': the CSP's
// script-src/worker-src 'self' allow it with no change. No eval (the CSP forbids it), no
// WebAssembly decoders (the certificate has no JPEG 2000 or JBIG2 images), no font or cMap fetches
// (the certificate embeds its one CJK font).
GlobalWorkerOptions.workerSrc = workerUrl;

export type PageImage = { url: string; width: number; height: number };

/**
 * Renders every page of `pdf` as a PNG object URL `cssWidth` CSS pixels wide, sharp on the screen's
 * pixel ratio. The caller revokes the URLs.
 */
export async function renderPdfPages(pdf: Uint8Array, cssWidth: number): Promise<PageImage[]> {
  const task = getDocument({ data: pdf, isEvalSupported: false, useWasm: false, useSystemFonts: false, stopAtErrors: true });
  const doc = await task.promise;
  try {
    const images: PageImage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const scale = (cssWidth / base.width) * Math.min(window.devicePixelRatio || 1, 2);
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png'));
      images.push({ url: URL.createObjectURL(blob), width: canvas.width, height: canvas.height });
      page.cleanup();
    }
    return images;
  } finally {
    await doc.destroy();
  }
}
