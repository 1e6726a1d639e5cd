import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { LogLine } from '../../contract/maintenance';
import { maskDeep, maskText } from '../privacy/mask';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
/** Enough for 500 lines of ordinary length; a rotated file is consulted when this one is short. */
const TAIL_BYTES = 256 * 1024;
const MAX_MESSAGE = 400;

/**
 * The last `count` lines of the kiosk log (<dataDir>/logs/kiosk.log, then kiosk.log.1), newest
 * last. The logger already masks personal data; every line is masked again here because a
 * technician's screen is one more place it could leak from.
 */
export function recentLog(dataDir: string, count: number): LogLine[] {
  const path = join(dataDir, 'logs', 'kiosk.log');
  let raw = tail(path);
  if (raw.length < count) raw = [...tail(`${path}.1`), ...raw];
  return raw.slice(-count).map(parseLine);
}

function tail(path: string): string[] {
  if (!existsSync(path)) return [];
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter((l) => l.trim() !== '');
    // The first line of a partial read is probably cut.
    return length < size ? lines.slice(1) : lines;
  } finally {
    closeSync(fd);
  }
}

function parseLine(line: string): LogLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { at: null, level: 'text', module: null, message: clip(maskText(line)) };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { at: null, level: 'text', module: null, message: clip(maskText(line)) };
  const { time, level, module, msg, ...rest } = maskDeep(parsed) as Record<string, unknown>;
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return {
    at: typeof time === 'string' ? time : typeof time === 'number' ? new Date(time).toISOString() : null,
    level: typeof level === 'number' ? (LEVELS[level] ?? String(level)) : String(level ?? 'info'),
    module: typeof module === 'string' ? module : null,
    message: clip(`${typeof msg === 'string' ? msg : ''}${extra}`),
  };
}

const clip = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);
