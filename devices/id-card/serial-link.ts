import { SerialPort } from 'serialport';

/**
 * The few things the reader loop needs from a serial port. The real implementation wraps
 * `serialport`; unit tests may pass their own (e.g. over @serialport/binding-mock).
 */
export type SerialLink = {
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes and closes; resolves even when the port is already gone. */
  close(): Promise<void>;
};

export type SerialLinkHandlers = {
  onData(chunk: Uint8Array): void;
  /** The port went away (USB-serial unplugged, pty closed) or failed for good. */
  onLost(error: Error | undefined): void;
};

export type OpenSerialLink = (path: string, baudRate: number, handlers: SerialLinkHandlers) => Promise<SerialLink>;

/** Opens a real port through serialport's native binding, 8N1 without flow control. */
export const openSerialPortLink: OpenSerialLink = (path, baudRate, handlers) =>
  new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
    let lost = false;
    const lose = (error: Error | undefined) => {
      if (lost) return;
      lost = true;
      handlers.onLost(error);
    };
    port.open((err) => {
      if (err) {
        reject(err);
        return;
      }
      port.on('data', (chunk: Buffer) => handlers.onData(chunk));
      port.on('close', (closeErr: Error | null) => lose(closeErr ?? undefined));
      port.on('error', (e: Error) => {
        lose(e);
        if (port.isOpen) port.close(() => undefined);
      });
      resolve({
        write: (bytes) =>
          new Promise((ok, fail) => {
            if (!port.isOpen) {
              fail(new Error('port is closed'));
              return;
            }
            port.write(Buffer.from(bytes), (e) => (e ? fail(e) : ok()));
          }),
        close: () =>
          new Promise((done) => {
            lost = true;
            if (!port.isOpen) {
              done();
              return;
            }
            port.close(() => done());
          }),
      });
    });
  });
