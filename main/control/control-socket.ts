import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createLogger } from '../log/logger';

const log = createLogger('control');

/**
 * kioskctl ⇄ the running kiosk: a Unix socket in the data directory, readable and writable only by
 * the kiosk's user (mode 0600), one JSON request per line and one JSON answer per line. Commands are
 * a closed list the kiosk registers; nothing else is reachable through it.
 */
export type ControlCommands = Record<string, (args: Record<string, unknown>) => Promise<unknown> | unknown>;

export const controlSocketPath = (dataDir: string) => join(dataDir, 'kiosk.sock');

const MAX_LINE = 64 * 1024;

export async function startControlSocket(dataDir: string, commands: ControlCommands): Promise<{ close(): Promise<void> }> {
  const path = controlSocketPath(dataDir);
  if (process.platform === 'win32') return { close: async () => {} }; // kioskctl works on the data directory there.
  if (existsSync(path)) {
    if (await answers(path)) throw new Error(`another kiosk is already listening on ${path}`);
    rmSync(path, { force: true }); // left over from a crash
  }
  const server: Server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_LINE) return socket.destroy();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        void reply(line).then((answer) => socket.write(`${JSON.stringify(answer)}\n`));
      }
    });
    socket.on('error', () => socket.destroy());
  });
  const reply = async (line: string): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> => {
    let request: { command?: unknown; args?: unknown };
    try {
      request = JSON.parse(line) as typeof request;
    } catch {
      return { ok: false, error: 'not JSON' };
    }
    const name = typeof request.command === 'string' ? request.command : '';
    const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
    if (!command) return { ok: false, error: `unknown command ${JSON.stringify(name)}` };
    try {
      return { ok: true, value: await command((request.args ?? {}) as Record<string, unknown>) };
    } catch (error) {
      log.warn({ command: name, err: error }, 'control command failed');
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(path, { force: true });
      }),
  };
}

/** Sends one command to the running kiosk; undefined when no kiosk is listening. */
export function sendControl(dataDir: string, command: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<unknown> {
  const path = controlSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    if (!existsSync(path)) return resolve(undefined);
    const socket = createConnection(path);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the kiosk did not answer ${command} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ command, args })}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      socket.end();
      const answer = JSON.parse(buffer.slice(0, newline)) as { ok: boolean; value?: unknown; error?: string };
      if (answer.ok) resolve(answer.value);
      else reject(new Error(answer.error));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(undefined);
      else reject(error);
    });
  });
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
