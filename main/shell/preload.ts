import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type KioskApi } from '../../contract/api';
import type { ChannelName } from '../../contract/channels';
import type { Result } from '../../contract/errors';
import { CHANNEL_NAMES as CHANNELS, EVENT_NAMES as EVENTS } from '../../contract/names';

// Electronegativity PRELOAD_JS_CHECK — manual review (the scan flags every preload for a human):
// - Runs sandboxed with contextIsolation (window.ts); it requires nothing but 'electron', and of
//   that only contextBridge and ipcRenderer. scripts/build.mjs bundles it (with the contract's
//   channel and event names) into one CommonJS file; preload-bundle.test.ts proves the bundle
//   requires only 'electron'.
// - Exposes exactly one object, window.kiosk = { invoke, on } (KioskApi from contract/api.ts).
//   ipcRenderer itself, its events and the IPC channel names never reach the page.
// - invoke() sends on one IPC channel, and only for channel names the contract declares; unknown
//   names are answered INVALID_REQUEST without touching IPC. Main checks the sender frame and
//   validates every input with zod anyway (ipc-bridge.ts, main/ipc/router.ts).
// - on() subscribes only to events the contract declares; the page's listener receives the
//   payload alone, never the IpcRendererEvent (which would expose `sender`), and gets an
//   unsubscribe function back.
// Reviewed for the Electron shell of issue 2. Review again whenever this file changes.

// Names only (contract/names.ts): the schemas, and zod with them, stay out of the preload.
const CHANNEL_NAMES: ReadonlySet<string> = new Set(CHANNELS);
const EVENT_NAMES: ReadonlySet<string> = new Set(EVENTS);

export type IpcRendererPort = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createKioskApi(ipc: IpcRendererPort): KioskApi {
  return {
    invoke(channel, input) {
      if (typeof channel !== 'string' || !CHANNEL_NAMES.has(channel)) {
        const refused: Result<never> = {
          ok: false,
          error: { code: 'INVALID_REQUEST', message: `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}` },
        };
        return Promise.resolve(refused);
      }
      return ipc.invoke(IPC_INVOKE, channel satisfies ChannelName, input);
    },
    on(event, listener) {
      if (typeof event !== 'string' || !EVENT_NAMES.has(event)) {
        throw new TypeError(`unknown kiosk event ${JSON.stringify(String(event)).slice(0, 80)}`);
      }
      if (typeof listener !== 'function') throw new TypeError('kiosk event listener must be a function');
      const relay = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown) => {
        if (name === event) (listener as (payload: unknown) => void)(payload);
      };
      ipc.on(IPC_EVENT, relay);
      return () => {
        ipc.removeListener(IPC_EVENT, relay);
      };
    },
  } satisfies KioskApi;
}

contextBridge.exposeInMainWorld('kiosk', createKioskApi(ipcRenderer));
