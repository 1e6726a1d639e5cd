// The packaged app doubles as kioskctl: `haizhu-kiosk --kioskctl status --json`. The RunAsNode fuse
// is off (main/shell/README.md), so the packaged app cannot run a plain `node kioskctl.js`; instead
// Electron's main process runs the same `run()` as `npm run kioskctl`, prints, and exits — before any
// window, lock or service exists, so it works beside a running kiosk (over its control socket) as
// well as on the data directory of a stopped one.

/** The kioskctl arguments when the app was started as kioskctl; null for a normal start. */
export function kioskctlArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--kioskctl');
  return at === -1 ? null : argv.slice(at + 1);
}

export type KioskctlRun = (argv: string[]) => Promise<{ code: number; out: string }>;

/** Runs kioskctl and hands its exit code to `exit`; never throws (a failure is exit code 1). */
export async function runKioskctlMode(
  args: string[],
  run: KioskctlRun,
  io: { stdout: (text: string) => void; stderr: (text: string) => void; exit: (code: number) => void },
): Promise<void> {
  try {
    const { code, out } = await run(args);
    (code === 0 ? io.stdout : io.stderr)(`${out}\n`);
    io.exit(code);
  } catch (error) {
    io.stderr(`kioskctl: ${error instanceof Error ? error.message : String(error)}\n`);
    io.exit(1);
  }
}
