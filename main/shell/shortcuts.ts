import type { Input } from 'electron';

// Which key presses the kiosk swallows before the page or any menu sees them. `kiosk: true` only
// makes the window full-screen (KIOSK-UX.md complaint 1): reload, devtools, zoom, close, print,
// new-window and history keys would still work without this list. Pure, so it is tested directly.

export type ShortcutVerdict = 'allow' | 'block' | 'devtools';

export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

const ALWAYS_BLOCKED_KEYS = new Set([
  'F5', // reload
  'F11', // leave full screen
  'BrowserRefresh',
  'BrowserBack',
  'BrowserForward',
  'BrowserHome',
  'BrowserSearch',
  'Print',
]);

/** With Ctrl (Cmd on macOS): reload, close, quit, new window/tab, print, save, open, hide, minimize, zoom. */
const MOD_LETTERS = new Set(['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'h', 'm', 'l', 'u', 'g', 'f', 'e', 'k', 'd']);
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0', 'Add', 'Subtract']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'Numpad0', 'NumpadAdd', 'NumpadSubtract']);
/** Ctrl+Shift+I/J/C (Cmd+Option+I/J/C on macOS) open devtools. */
const DEVTOOLS_LETTERS = new Set(['i', 'j', 'c']);

const letterOf = (input: KeyInput): string => {
  if (/^Key[A-Z]$/.test(input.code)) return input.code.slice(3).toLowerCase();
  return input.key.length === 1 ? input.key.toLowerCase() : '';
};

export function judgeShortcut(input: KeyInput): ShortcutVerdict {
  const mod = input.control || input.meta;
  const letter = letterOf(input);
  if (input.key === 'F12') return 'devtools';
  if (mod && (input.shift || input.alt) && DEVTOOLS_LETTERS.has(letter)) return 'devtools';
  if (ALWAYS_BLOCKED_KEYS.has(input.key)) return 'block';
  if (input.alt && (input.key === 'F4' || input.key === 'ArrowLeft' || input.key === 'ArrowRight' || input.key === 'Home')) {
    return 'block';
  }
  if (mod) {
    if (input.key === 'F4' || input.key === 'Tab') return 'block';
    if (MOD_LETTERS.has(letter)) return 'block';
    if (ZOOM_KEYS.has(input.key) || ZOOM_CODES.has(input.code)) return 'block';
  }
  return 'allow';
}
