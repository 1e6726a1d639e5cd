// The Content-Security-Policy of the kiosk page. Sent as a header on every response (lockdown.ts,
// app-protocol.ts) and repeated as a <meta> tag in renderer/index.html, so the page is covered even
// if one of the two paths is ever bypassed. 'self' is app://kiosk, the packaged renderer only
// (app-protocol.ts). No remote origin anywhere, no 'unsafe-eval', no inline script.
//
// Why each source is there:
// - style-src 'unsafe-inline': React's `style={…}` attributes and Vite's injected <style>; styles
//   cannot run code, and every script source stays strict.
// - img-src / media-src data: blob:: Vite inlines small images as data: URIs; voice prompts and the
//   certificate preview are handed to the page as blobs made from bytes main already checked.
// - font-src data:: Vite inlines small font files as data: URIs as well.
// - frame-src 'self' blob:: the certificate preview may show a PDF blob in a frame.
// - worker-src 'self' blob:: a bundled worker (e.g. a PDF or speech helper) may start from a blob.
// - object-src 'none', base-uri 'none', form-action 'none': no plugins, no <base> tricks, no forms
//   posting anywhere (the UI talks through window.kiosk only).
// - frame-ancestors 'none': nobody frames the kiosk page (ignored in <meta>, effective as header).
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'frame-src': ["'self'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** The same policy for renderer/index.html's <meta http-equiv> (frame-ancestors has no effect there). */
export const CONTENT_SECURITY_POLICY_META = Object.entries(CSP_DIRECTIVES)
  .filter(([name]) => name !== 'frame-ancestors')
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');
