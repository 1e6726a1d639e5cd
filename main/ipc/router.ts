import {
  channels,
  KioskError,
  type ChannelName,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../contract';
import type { Logger } from '../log/logger';

/** One handler per channel: a missing or misspelt channel is a type error. */
export type Handlers = {
  [C in ChannelName]: (input: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export type Router = {
  /** Validates `input` against the channel's schema, runs the handler, and never throws. */
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
};

const isChannel = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

export function createRouter(handlers: Handlers, log: Logger): Router {
  return {
    async dispatch(channel, input) {
      if (!isChannel(channel)) {
        return fail('INVALID_REQUEST', `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`);
      }
      const parsed = channels[channel].request.safeParse(input);
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => i.path.join('.') || '(input)').join(', ');
        return fail('INVALID_REQUEST', `${channel}: invalid ${where}`);
      }
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof KioskError) {
          if (error.code === 'INTERNAL') log.error({ channel, err: error }, 'handler failed');
          return { ok: false, error: error.toBody() };
        }
        log.error({ channel, err: error }, 'handler threw an unexpected error');
        return fail('INTERNAL', 'Something went wrong inside the kiosk');
      }
    },
  };
}

const fail = (code: 'INVALID_REQUEST' | 'INTERNAL', message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
