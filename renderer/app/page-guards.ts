/**
 * Defence in depth inside the page for what the shells lock down (Electron's will-navigate and
 * window-open handlers; the browser shell's Chromium flags and policies): no new windows, no
 * history navigation out of the app, no context menu, text selection outside inputs, drag, or
 * zoom by ctrl+wheel / pinch (touch-action in the CSS covers touch pinch).
 */
export function installPageGuards(win: Window = window): void {
  // Replace, do not wrap: nothing in the app opens windows.
  win.open = () => null;

  // Script navigation away (location.href = …, a form, a link) would leave an error page or a
  // stranger's site on a public screen. The Navigation API lets the page cancel what it starts
  // itself; the shells still block what the browser starts (Electron will-navigate, Chromium flags).
  const nav = (win as { navigation?: Navigation }).navigation;
  const withoutHash = (url: string) => url.split('#')[0];
  nav?.addEventListener('navigate', (e) => {
    if (e.cancelable && !e.hashChange && withoutHash(e.destination.url) !== withoutHash(win.location.href)) e.preventDefault();
  });

  // Screens live in React state, not in history. One extra entry plus re-pushing on popstate
  // means "back" (a key, a mouse button, a gesture) never leaves the app.
  win.history.pushState({ kiosk: true }, '', win.location.href);
  win.addEventListener('popstate', () => win.history.pushState({ kiosk: true }, '', win.location.href));

  const doc = win.document;
  const editable = (target: EventTarget | null) => target instanceof HTMLElement && target.closest('input, textarea, [contenteditable="true"]') !== null;
  doc.addEventListener('contextmenu', (e) => e.preventDefault());
  doc.addEventListener('dragstart', (e) => e.preventDefault());
  doc.addEventListener('selectstart', (e) => {
    if (!editable(e.target)) e.preventDefault();
  });
  doc.addEventListener(
    'wheel',
    (e) => {
      if (e.ctrlKey) e.preventDefault();
    },
    { passive: false },
  );
  // Links never leave the app (there are none today; this keeps a future one honest).
  doc.addEventListener(
    'click',
    (e) => {
      const anchor = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (anchor instanceof HTMLAnchorElement && (anchor.origin !== win.location.origin || anchor.target !== '')) e.preventDefault();
    },
    true,
  );
  doc.addEventListener('keydown', (e) => {
    // Browser zoom and reload shortcuts, for the browser shell where no Electron menu intercepts them.
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0', 'r', 'R', 'p', 'P', 's', 'S', 'o', 'O'].includes(e.key)) e.preventDefault();
    if (e.key === 'F5' || (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight'))) e.preventDefault();
  });
}
