// ESC/POS command bytes (DEVICES.md §3.1). Builders only: no state, no I/O.

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

const alignCode: Record<Align, number> = { left: 0, center: 1, right: 2 };
const eccCode: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };

/** Largest QR payload a model-2 symbol holds (numeric mode, level L); stores beyond it are refused. */
export const QR_MAX_BYTES = 7089;

export const initialize = (): number[] => [ESC, 0x40];
/** FS & — Chinese (Kanji) mode on: two-byte GB codes print as Hanzi, bytes below 0x80 stay ASCII. */
export const chineseModeOn = (): number[] => [FS, 0x26];
export const chineseModeOff = (): number[] => [FS, 0x2e];
export const align = (a: Align): number[] => [ESC, 0x61, alignCode[a]];
export const bold = (on: boolean): number[] => [ESC, 0x45, on ? 1 : 0];

/** GS ! n: high nibble = width multiplier − 1, low nibble = height multiplier − 1. */
export const characterSize = (width: number, height: number): number[] => [
  GS,
  0x21,
  (((clampMultiplier(width) - 1) << 4) | (clampMultiplier(height) - 1)) & 0xff,
];

export const feedLines = (n: number): number[] => [ESC, 0x64, Math.max(0, Math.min(255, Math.trunc(n)))];
export const fullCut = (): number[] => [GS, 0x56, 0x00];
export const partialCut = (): number[] => [GS, 0x56, 0x01];

/** DLE EOT n, the real-time status request (n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensor). */
export const realtimeStatusRequest = (n: 1 | 2 | 3 | 4): number[] => [DLE, EOT, n];

/** GS ( k: the QR function block; `fn` is the function byte after cn = 0x31. */
const qrFunction = (fn: number, params: number[]): number[] => {
  const len = params.length + 2;
  return [GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, fn, ...params];
};

export const qrModel2 = (): number[] => qrFunction(0x41, [0x32, 0x00]);
export const qrModuleSize = (dots: number): number[] => qrFunction(0x43, [Math.max(1, Math.min(16, Math.trunc(dots)))]);
export const qrErrorCorrection = (level: QrErrorCorrection): number[] => qrFunction(0x45, [eccCode[level]]);
export const qrPrint = (): number[] => qrFunction(0x51, [0x30]);

/** GS ( k pL pH 31 50 30 d1…dk, with pL + 256·pH = k + 3. */
export function qrStore(data: Uint8Array): number[] {
  if (data.length === 0 || data.length > QR_MAX_BYTES) {
    throw new RangeError(`QR payload must be 1–${QR_MAX_BYTES} bytes, got ${data.length}`);
  }
  return qrFunction(0x50, [0x30, ...data]);
}

function clampMultiplier(n: number): number {
  return Math.max(1, Math.min(8, Math.trunc(n)));
}
