import { existsSync, statfsSync, statSync } from 'node:fs';

export type StorageInfo = { diskFreeBytes: number | null; diskTotalBytes: number | null; databaseBytes: number; walBytes: number };

const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** Free space where the data lives, and the database and its write-ahead log on disk. */
export function storageInfo(dataDir: string, databasePath: string): StorageInfo {
  let diskFreeBytes: number | null = null;
  let diskTotalBytes: number | null = null;
  try {
    const fs = statfsSync(dataDir);
    diskFreeBytes = fs.bavail * fs.bsize;
    diskTotalBytes = fs.blocks * fs.bsize;
  } catch {
    // Some file systems do not answer statfs; the dashboard says "unknown".
  }
  return { diskFreeBytes, diskTotalBytes, databaseBytes: size(databasePath), walBytes: size(`${databasePath}-wal`) };
}

/** App, Electron, Chromium and Node versions; Electron and Chromium are null outside Electron. */
export function runtimeVersions(app: string, versions: NodeJS.ProcessVersions = process.versions): { app: string; electron: string | null; chromium: string | null; node: string } {
  const v = versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return { app, electron: v.electron ?? null, chromium: v.chrome ?? null, node: v.node };
}
