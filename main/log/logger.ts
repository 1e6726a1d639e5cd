import pino from 'pino';
import { maskDeep, maskText } from '../privacy/mask';
import { RotatingFile } from './rotating-file';

/** The one logger type the app uses. Every line passes through the privacy masks first. */
export type Logger = Pick<pino.Logger, 'debug' | 'info' | 'warn' | 'error' | 'fatal'> & {
  child(bindings: Record<string, unknown>): Logger;
};

export type LogOptions = {
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Write to this file with rotation; without it, lines go to standard error. */
  file?: { path: string; maxBytes: number; keep: number };
  /** Also copy lines here (tests read what would have been written). */
  sink?: (line: string) => void;
};

let root: pino.Logger = pino({ level: 'silent' });
let file: RotatingFile | undefined;

const redacting: pino.LoggerOptions = {
  // Objects are masked deeply (names, ID and card numbers, photos, secrets) …
  formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
  // … and so is any ID or card number inside the message text.
  hooks: {
    logMethod(args, method) {
      const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a));
      return method.apply(this, masked as Parameters<typeof method>);
    },
  },
  // `type`, not `name`: a `name` key is masked as a person's name everywhere else.
  serializers: {
    err: (e: unknown) =>
      e instanceof Error ? { type: e.name, message: maskText(e.message), stack: e.stack === undefined ? undefined : maskText(e.stack) } : maskDeep(e),
  },
  timestamp: pino.stdTimeFunctions.isoTime,
  base: null,
};

/** Called once by the composition root; until then logging is silent (tests stay quiet). */
export function configureLogging(options: LogOptions): void {
  file?.close();
  file = options.file ? new RotatingFile(options.file.path, options.file.maxBytes, options.file.keep) : undefined;
  const target = file;
  const sink = options.sink;
  const destination = {
    write(line: string) {
      if (target) target.write(line);
      else if (!sink) process.stderr.write(line);
      sink?.(line);
    },
  };
  root = pino({ ...redacting, level: options.level }, destination);
}

export function createLogger(name: string): Logger {
  // Resolve the root lazily so loggers created at import time follow configureLogging.
  const proxy = (bindings: Record<string, unknown>): Logger => {
    const current = () => root.child(bindings);
    return {
      debug: (...a: Parameters<pino.LogFn>) => current().debug(...a),
      info: (...a: Parameters<pino.LogFn>) => current().info(...a),
      warn: (...a: Parameters<pino.LogFn>) => current().warn(...a),
      error: (...a: Parameters<pino.LogFn>) => current().error(...a),
      fatal: (...a: Parameters<pino.LogFn>) => current().fatal(...a),
      child: (more) => proxy({ ...bindings, ...more }),
    } as Logger;
  };
  return proxy({ module: name });
}
