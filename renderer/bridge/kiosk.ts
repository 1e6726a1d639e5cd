import type { KioskApi } from '../../contract/api';

declare global {
  interface Window {
    /** Put there by the Electron preload or by the browser shell's WebSocket bridge. */
    kiosk?: KioskApi;
  }
}

/** The one way into the kiosk. Tests hand their own KioskApi to <App>; the app passes this. */
export function windowKiosk(): KioskApi {
  const api = window.kiosk;
  if (!api) throw new Error('window.kiosk is missing: neither the preload nor the WebSocket bridge is installed');
  return api;
}
