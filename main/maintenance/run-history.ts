import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../util/clock';

/**
 * How the previous run ended, for the dashboard's "last restart reason". A marker file is written
 * at start and rewritten at a clean stop with the reason; a marker still saying `running` at the
 * next start means the process died without stopping (crash, kill, power loss).
 */
export type LastStop = { kind: 'first-start' | 'clean' | 'crash'; reason: string | null; at: number | null };

type Marker = { running: boolean; startedAt: number; pid: number; stoppedAt?: number; reason?: string };

export const RUN_MARKER = 'run-state.json';

export class RunHistory {
  readonly lastStop: LastStop;
  private readonly path: string;
  private readonly startedAt: number;
  private stopReason = 'stop';

  constructor(dataDir: string, private readonly clock: Clock) {
    this.path = join(dataDir, RUN_MARKER);
    this.lastStop = describe(readMarker(this.path));
    this.startedAt = clock.now();
    this.write({ running: true, startedAt: this.startedAt, pid: process.pid });
  }

  /** Why the coming stop happens (a technician's restart, the shell's own reason); default `stop`. */
  setStopReason(reason: string): void {
    this.stopReason = reason;
  }

  /** Called at a clean stop: the next start reads "clean" and the reason. */
  stopped(): void {
    this.write({ running: false, startedAt: this.startedAt, pid: process.pid, stoppedAt: this.clock.now(), reason: this.stopReason });
  }

  /** Written aside and renamed, so a crash mid-write never leaves half a marker. */
  private write(marker: Marker): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(marker));
    renameSync(tmp, this.path);
  }
}

function readMarker(path: string): Marker | null | 'unreadable' {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Marker>;
    return typeof parsed.running === 'boolean' && typeof parsed.startedAt === 'number' ? (parsed as Marker) : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function describe(marker: Marker | null | 'unreadable'): LastStop {
  if (marker === null) return { kind: 'first-start', reason: null, at: null };
  if (marker === 'unreadable' || marker.running) return { kind: 'crash', reason: null, at: marker === 'unreadable' ? null : marker.startedAt };
  return { kind: 'clean', reason: marker.reason ?? null, at: marker.stoppedAt ?? null };
}
