import { events, type EventName, type EventPayload } from '../../contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Main → UI events. Services publish; each shell (Electron window, browser-shell sockets)
 * subscribes once and forwards. Payloads are checked against the contract so that nothing
 * unmasked or malformed can reach a screen by accident.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  publish<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) {
      try {
        listener(event, checked);
      } catch {
        // One broken window must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
