import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type EventName, type Result } from '../../contract';
import type { EventBus } from '../ipc/event-bus';
import type { Router } from '../ipc/router';
import { isAppUrl } from './app-protocol';
import type { ElectronApi } from './electron-api';

// The one IPC handler. Before the router sees a request, the sender must be the main frame of the
// kiosk window showing the packaged renderer (app://kiosk): an iframe, another web contents or a
// page that somehow got elsewhere gets FORBIDDEN. The router then validates the input against the
// contract (INVALID_REQUEST) and never throws.

export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'requests are accepted from the kiosk page only' },
};

export function isTrustedSender(event: SenderEvent, isKioskContents: (sender: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed()) return false;
  if (!isKioskContents(event.sender)) return false;
  // The top frame only: frames inside the page (PDF preview, anything injected) never get the API.
  // (Compared by ids: Electron does not promise one wrapper object per frame.)
  const main = event.sender.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

export function registerIpcBridge(
  ipcMain: ElectronApi['ipcMain'],
  router: () => Promise<Router>,
  isKioskContents: (sender: WebContents) => boolean,
): void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, isKioskContents)) return FORBIDDEN_SENDER;
    return (await router()).dispatch(channel, input);
  });
}

export type EventTarget = Pick<WebContents, 'send' | 'isDestroyed' | 'isCrashed'>;

/** Forwards every main → UI event to the kiosk window while it lives. Returns the unsubscribe. */
export function forwardEvents(events: Pick<EventBus, 'subscribe'>, target: () => EventTarget | undefined): () => void {
  return events.subscribe((event: EventName, payload: unknown) => {
    const contents = target();
    if (!contents || contents.isDestroyed() || contents.isCrashed()) return;
    contents.send(IPC_EVENT, event, payload);
  });
}
