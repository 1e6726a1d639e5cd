import { randomBytes } from 'node:crypto';
import type { Clock, IdSource } from '../util/clock';

// Event ids are UUIDv7 (RFC 9562): time-ordered, so the unique indexes on event ids — the kiosk's
// outbox and the platform's (kiosk, eventId) key — grow at their right edge instead of taking random
// page writes on every insert, which would make each commit larger as the tables grow.

export function timeOrderedIds(clock: Pick<Clock, 'now'>): IdSource {
  let lastMs = -1;
  let counter = 0;
  return {
    uuid() {
      let ms = Math.max(0, Math.floor(clock.now()));
      if (ms <= lastMs) {
        // Same (or an earlier, reset) millisecond: keep ids increasing with the 12-bit counter.
        ms = lastMs;
        counter++;
        if (counter > 0xfff) {
          ms = ++lastMs;
          counter = 0;
        }
      } else {
        counter = 0;
      }
      lastMs = ms;
      const bytes = randomBytes(16);
      bytes.writeUIntBE(ms, 0, 6);
      bytes[6] = 0x70 | (counter >> 8);
      bytes[7] = counter & 0xff;
      bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
