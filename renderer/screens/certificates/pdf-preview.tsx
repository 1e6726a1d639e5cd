import { useEffect, useRef, useState } from 'react';
import { useCertificatesText } from './certificate-text';
import { renderPdfPages, type PageImage } from './pdf-pages';

type Props = { pdfBase64: string; title: string };

type State = { phase: 'loading' } | { phase: 'ready'; pages: PageImage[] } | { phase: 'failed' };

function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The real certificate PDF, drawn page by page as images at the width of its box. Loaded lazily
 * (PDF.js is large) by the certificate screens. A preview that cannot be drawn says so and leaves
 * printing possible: the PDF itself was checked in main.
 */
export default function PdfPreview({ pdfBase64, title }: Props) {
  const ct = useCertificatesText();
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    let live = true;
    let made: PageImage[] = [];
    const width = Math.max(320, Math.min(box.current?.clientWidth ?? 800, 1000));
    renderPdfPages(decodeBase64(pdfBase64), width).then(
      (pages) => {
        made = pages;
        if (live) setState({ phase: 'ready', pages });
        else pages.forEach((p) => URL.revokeObjectURL(p.url));
      },
      () => live && setState({ phase: 'failed' }),
    );
    return () => {
      live = false;
      made.forEach((p) => URL.revokeObjectURL(p.url));
    };
  }, [pdfBase64]);

  return (
    <div className="cert-preview" ref={box} data-testid="pdf-preview" data-phase={state.phase}>
      {state.phase === 'loading' ? (
        <p role="status" className="cert-preview-status">
          <span className="spinner" aria-hidden="true" /> {ct('preview.loading')}
        </p>
      ) : null}
      {state.phase === 'failed' ? <p className="message notice">{ct('preview.failed')}</p> : null}
      {state.phase === 'ready'
        ? state.pages.map((page, i) => (
            <img
              key={page.url}
              className="cert-page"
              src={page.url}
              width={page.width}
              height={page.height}
              alt={ct('preview.alt', { type: title, page: i + 1, pages: state.pages.length })}
              draggable={false}
            />
          ))
        : null}
    </div>
  );
}
