import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SsCardError } from '../ss-card-error';
import type { CardTransport } from './card-transport';
import { readBasic, transmitApdu } from './read-basic';

// readBasic against a card that answers anything at all: only SsCardError may come out.
const scripted = (responses: Uint8Array[]): CardTransport & { sent: string[] } => {
  const sent: string[] = [];
  let i = 0;
  return {
    sent,
    powerOn: async () => Uint8Array.of(0x3b),
    transmit: async (apdu) => {
      sent.push(Buffer.from(apdu).toString('hex').toUpperCase());
      return responses[i++ % Math.max(1, responses.length)] ?? new Uint8Array(0);
    },
    powerOff: async () => undefined,
  };
};

describe('readBasic with arbitrary card answers', () => {
  it('property: random responses end in an identity or an SsCardError, never another throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 30 }), async (responses) => {
        try {
          await readBasic(scripted(responses));
        } catch (e) {
          expect(e).toBeInstanceOf(SsCardError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives up after 16 rounds of 61xx instead of looping forever', async () => {
    const transport = scripted([Uint8Array.of(0x61, 0x10)]);
    await expect(transmitApdu(transport, Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({ reason: 'cardStatus' });
    expect(transport.sent.filter((a) => a.startsWith('00C0'))).toHaveLength(16);
  });
});
