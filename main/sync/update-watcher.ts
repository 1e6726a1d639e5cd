import type { Logger } from '../log/logger';
import { backoffDelay, type Random, type Timers } from './backoff';
import type { PlatformClient } from './platform-client';
import type { SignedUpdater } from './signed-updater';

// Drives the updater: the platform's SSE stream says "a new version exists" (the kiosk opens it;
// announcements are hints, never trusted), and a poll timer checks anyway, so a lost stream only
// delays an update. The stream is reopened with backoff after it drops.

export type UpdateWatcherOptions = {
  updater: Pick<SignedUpdater, 'checkNow'>;
  client: Pick<PlatformClient, 'openNotifications'>;
  timers: Timers;
  random: Random;
  logger: Logger;
  /** Poll even without announcements (default 15 min). */
  pollIntervalMs?: number;
};

export class UpdateWatcher {
  private stream: { close(): void } | null = null;
  private pollTimer: unknown = null;
  private reconnectTimer: unknown = null;
  private failures = 0;
  private lastEventId: string | null = null;
  private running = false;

  constructor(private readonly o: UpdateWatcherOptions) {}

  start(): void {
    this.running = true;
    this.connect();
    this.schedulePoll(Math.floor(this.o.random() * (this.o.pollIntervalMs ?? 900_000)));
  }

  stop(): void {
    this.running = false;
    this.stream?.close();
    this.stream = null;
    if (this.pollTimer !== null) this.o.timers.clearTimeout(this.pollTimer);
    if (this.reconnectTimer !== null) this.o.timers.clearTimeout(this.reconnectTimer);
  }

  private check(why: string): void {
    this.o.updater.checkNow().then(
      (outcomes) => this.o.logger.debug({ why, outcomes: outcomes.map((o) => `${o.role}:${o.outcome}`) }, 'update check done'),
      (error: unknown) => this.o.logger.warn({ why, err: error }, 'update check failed'),
    );
  }

  private connect(): void {
    if (!this.running) return;
    this.o.client
      .openNotifications({
        lastEventId: this.lastEventId,
        onAnnouncement: (_a, id) => {
          this.failures = 0;
          this.lastEventId = id;
          this.check('announcement');
        },
        onClose: (error) => {
          this.stream = null;
          if (error) this.o.logger.info({ code: error.code }, 'notification stream closed');
          this.reconnectLater();
        },
      })
      .then(
        (stream) => {
          if (this.running) this.stream = stream;
          else stream.close();
        },
        () => this.reconnectLater(),
      );
  }

  private reconnectLater(): void {
    if (!this.running) return;
    const delay = backoffDelay(++this.failures, this.o.random);
    this.reconnectTimer = this.o.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private schedulePoll(ms: number): void {
    if (!this.running) return;
    this.pollTimer = this.o.timers.setTimeout(() => {
      this.check('poll');
      this.schedulePoll(this.o.pollIntervalMs ?? 900_000);
    }, ms);
  }
}
