import type { ChannelName, RequestOf, ResponseOf } from './channels';
import type { Result } from './errors';
import type { EventName, EventPayload } from './events';

/** What the preload (Electron) or the WebSocket bridge (browser shell) puts on `window.kiosk`. */
export type KioskApi = {
  invoke<C extends ChannelName>(channel: C, input: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** The IPC channel names Electron uses under the hood; the renderer never sees them. */
export const IPC_INVOKE = 'kiosk:invoke';
export const IPC_EVENT = 'kiosk:event';

/** Browser-shell WebSocket frames. */
export type WsRequest = { id: number; channel: string; input: unknown };
export type WsResponse = { id: number; result: Result<unknown> };
export type WsEvent = { event: string; payload: unknown };
