import type { OpenSerialLink, SerialLinkHandlers } from './serial-link';

/**
 * Two serial ends joined in memory, for the demo profile on machines without socat and for unit
 * tests: `open('host', …)` and `open('device', …)` talk to each other. `unplug()` makes both ends
 * lose their port and refuses reopening until `replug()`, like a pulled USB-serial adapter.
 * The proof over a real port is the pty integration test; this is a convenience, not a substitute.
 */
export function createMemorySerialPair(): { open: OpenSerialLink; unplug(): void; replug(): void } {
  const ends = new Map<string, SerialLinkHandlers>();
  let plugged = true;
  const open: OpenSerialLink = async (path, _baudRate, handlers) => {
    if (!plugged) throw new Error(`cannot open ${path}: unplugged`);
    if (path !== 'host' && path !== 'device') throw new Error(`unknown memory port ${path}`);
    ends.set(path, handlers);
    const other = path === 'host' ? 'device' : 'host';
    return {
      write: async (bytes) => {
        if (ends.get(path) !== handlers) throw new Error('port is closed');
        const copy = Uint8Array.from(bytes);
        queueMicrotask(() => ends.get(other)?.onData(copy));
      },
      close: async () => {
        if (ends.get(path) === handlers) ends.delete(path);
      },
    };
  };
  return {
    open,
    unplug() {
      plugged = false;
      for (const [path, handlers] of [...ends]) {
        ends.delete(path);
        handlers.onLost(new Error('unplugged'));
      }
    },
    replug() {
      plugged = true;
    },
  };
}
