import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The command the demo/test ippeveprinter runs for every document (`ippeveprinter -c`). Without
// one, ippeveprinter checks the tray only when a job starts and then finishes it no matter what,
// so "paper runs out part-way through a job" could not happen. With it, the printer behaves like
// a real one: the command reports `STATE: +media-empty-error,media-needed-error` on stderr
// (ippeveprinter turns STATE: lines into printer-state-reasons, see `man ippeveprinter`) while
// the job stays `processing`, waits until paper is loaded, clears the reasons and finishes.
//
// It is armed per job by a switch file in the spool directory and released by another, so the
// kiosk process (IppeveprinterProcess.paperOutMidJob / setPaper) drives it without signals.
// The script is written next to the spool at start rather than shipped as a file: a packaged app
// keeps its sources in an asar archive, from which nothing can be executed. /bin/sh, not node:
// Electron has no plain node binary to run a script with.

/** Present: the next job runs out of paper part-way (the command consumes the switch). */
export const PAPER_OUT_NEXT_JOB = 'paper-out-next-job';
/** Present while a job waits for paper; removing it is "paper loaded". */
export const PAPER_OUT_NOW = 'paper-out-now';
export const COMMAND_FILE = 'print-command.sh';

/**
 * `$1` is the spooled document (ippeveprinter keeps it with -k, named `<job-id>-<job-name>.pdf`);
 * the command's stdout goes to `<job-id>-<job-name>.prn`, which stays empty.
 */
export function commandScript(printSeconds: number): string {
  const half = Math.max(0, printSeconds / 2).toFixed(1);
  return `#!/bin/sh
# Haizhu kiosk demo printer: "prints" a document, running out of paper part-way when armed.
spool=$(dirname "$1")
sleep ${half}
if mv "$spool/${PAPER_OUT_NEXT_JOB}" "$spool/${PAPER_OUT_NOW}" 2>/dev/null; then
  echo "STATE: +media-empty-error,media-needed-error" >&2
  echo "INFO: out of paper part-way through the job; waiting for paper" >&2
  while [ -e "$spool/${PAPER_OUT_NOW}" ]; do sleep 0.2; done
  echo "STATE: -media-empty-error,media-needed-error" >&2
  echo "INFO: paper loaded; printing the rest of the job" >&2
fi
sleep ${half}
exit 0
`;
}

export async function writeCommand(dir: string, printSeconds: number): Promise<string> {
  const path = join(dir, COMMAND_FILE);
  await writeFile(path, commandScript(printSeconds), { mode: 0o755 });
  await chmod(path, 0o755);
  return path;
}

/** Arms the switch: the next job (or the one about to start) stops part-way for lack of paper. */
export async function armPaperOutMidJob(spoolDir: string): Promise<void> {
  await writeFile(join(spoolDir, PAPER_OUT_NEXT_JOB), '');
}

/** Paper loaded: a waiting job goes on, and a switch not yet used is disarmed. */
export async function paperLoaded(spoolDir: string): Promise<void> {
  await rm(join(spoolDir, PAPER_OUT_NOW), { force: true });
  await rm(join(spoolDir, PAPER_OUT_NEXT_JOB), { force: true });
}
