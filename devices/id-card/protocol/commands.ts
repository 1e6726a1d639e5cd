import { buildCommandFrame } from './frame';

// CMD PARA pairs of DEVICES.md §1.3. The 0x60 baud-rate command is deliberately absent: its
// parameters are not confirmed by any source.
export const SAM_COMMANDS = {
  reset: { cmd: 0x10, para: 0xff },
  status: { cmd: 0x11, para: 0xff },
  samId: { cmd: 0x12, para: 0xff },
  find: { cmd: 0x20, para: 0x01 },
  select: { cmd: 0x20, para: 0x02 },
  readTextPhoto: { cmd: 0x30, para: 0x01 },
  readTextPhotoFingerprint: { cmd: 0x30, para: 0x10 },
  readNewAddress: { cmd: 0x30, para: 0x03 },
  readChipId: { cmd: 0x30, para: 0x05 },
  setMaxRfBytes: { cmd: 0x61, para: 0xff },
} as const;

export type SamCommand = keyof typeof SAM_COMMANDS;

export function commandFrame(command: SamCommand, data?: Uint8Array): Uint8Array {
  const { cmd, para } = SAM_COMMANDS[command];
  return buildCommandFrame(cmd, para, data);
}

/** The command a received command body carries (simulator side), or undefined. */
export function commandOf(body: Uint8Array): SamCommand | undefined {
  for (const [name, { cmd, para }] of Object.entries(SAM_COMMANDS)) {
    if (body[0] === cmd && body[1] === para) return name as SamCommand;
  }
  return undefined;
}
