import type { DeviceClock, TimerHandle } from '../shared/clock';
import { commandFrame, type SamCommand } from './protocol/commands';
import { FrameParser, type ParsedItem } from './protocol/frame-parser';
import { checkReply, parseReplyBody } from './protocol/reply';
import type { SamStatus } from './protocol/sam-status';
import { IdCardError } from './id-card-error';
import type { SerialLink } from './serial-link';

/** A reply the reader loop acts on: the command's success data, or a documented SW3 status. */
export type Outcome = { kind: 'ok'; data: Uint8Array } | { kind: 'status'; status: SamStatus };

type Pending = {
  command: SamCommand;
  resolve(outcome: Outcome): void;
  reject(error: IdCardError): void;
  timer: TimerHandle;
  sawGarbage: boolean;
};

/**
 * One command at a time over a serial link: write the frame, parse the byte stream, and settle
 * with the reply or a typed IdCardError (timeout, garbage, checksum, wrong-command reply, port
 * lost). Frames that arrive while nothing is pending (late replies) are dropped.
 */
export class SamExchange {
  private readonly parser = new FrameParser();
  private pending: Pending | undefined;

  constructor(
    private readonly link: SerialLink,
    private readonly clock: DeviceClock,
    private readonly onDrop: (what: string) => void = () => undefined,
  ) {}

  send(command: SamCommand, timeoutMs: number): Promise<Outcome> {
    if (this.pending) return Promise.reject(new IdCardError('unexpectedReply', 'a command is already pending'));
    return new Promise<Outcome>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => this.timeout(), timeoutMs);
      this.pending = { command, resolve, reject, timer, sawGarbage: false };
      this.link.write(commandFrame(command)).catch((e: unknown) => {
        this.settle(new IdCardError('portLost', `write failed: ${(e as Error).message}`));
      });
    });
  }

  /** Feed bytes from the port. */
  receive(chunk: Uint8Array): void {
    for (const item of this.parser.push(chunk)) this.handle(item);
  }

  /** The port is gone: fail whatever is pending. */
  lost(message: string): void {
    this.settle(new IdCardError('portLost', message));
    this.parser.reset();
  }

  private handle(item: ParsedItem): void {
    const pending = this.pending;
    if (!pending) {
      this.onDrop(item.type === 'frame' ? 'late frame' : item.error.kind);
      return;
    }
    if (item.type === 'error') {
      if (item.error.kind === 'garbage' || item.error.kind === 'length') pending.sawGarbage = true;
      else this.settle(new IdCardError('checksum', `reply to ${pending.command} failed its checksum`));
      return;
    }
    const reply = parseReplyBody(item.body);
    if (!reply) {
      this.settle(new IdCardError('unexpectedReply', `reply to ${pending.command} is too short`));
      return;
    }
    const check = checkReply(pending.command, reply);
    if (check.kind === 'unexpected') this.settle(new IdCardError('unexpectedReply', check.reason, reply.sw3));
    else this.settle(check);
  }

  private timeout(): void {
    const pending = this.pending;
    if (!pending) return;
    // Whatever is half-received belongs to the failed command; a late reply must not pose as the next.
    this.parser.reset();
    const reason = pending.sawGarbage ? 'garbage' : 'timeout';
    this.settle(new IdCardError(reason, `no valid reply to ${pending.command}`));
  }

  private settle(result: Outcome | IdCardError): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.clock.clearTimeout(pending.timer);
    if (result instanceof IdCardError) pending.reject(result);
    else pending.resolve(result);
  }
}
