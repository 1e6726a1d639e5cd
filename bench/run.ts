// `npm run bench`: every speed and memory budget of the kiosk, printed as one table with ratios
// against the alternative measured in the same run. Timings live here, never in unit tests.
import { benchCatalogueSearch } from './catalogue-search';
import { benchCatalogueUpdate } from './catalogue-update';
import { benchCertificate } from './certificate';
import { benchDevices } from './devices';
import { benchScreenSoak } from './screen-soak';
import { benchSoak } from './soak';
import { benchSync } from './sync';
import { formatTable, type BenchRow } from './table';

type Section = { section: string; run: () => Promise<BenchRow[]> };

const sections: Section[] = [
  { section: 'catalogue', run: benchCatalogueSearch },
  { section: 'devices', run: benchDevices },
  { section: 'certificates', run: benchCertificate },
  { section: 'sync', run: () => benchSync() },
  { section: 'updates', run: () => benchCatalogueUpdate() },
  { section: 'soak', run: () => benchSoak() },
  { section: 'screen', run: () => benchScreenSoak() },
];

const only = process.argv.slice(2);
const results: Array<{ section: string; rows: BenchRow[] }> = [];
for (const { section, run } of sections) {
  if (only.length > 0 && !only.includes(section)) continue;
  process.stderr.write(`bench: ${section}…\n`);
  try {
    results.push({ section, rows: await run() });
  } catch (error) {
    results.push({ section, rows: [{ name: `failed: ${error instanceof Error ? error.message : String(error)}`, value: Number.NaN, unit: '' }] });
  }
}
process.stdout.write(`${formatTable(results)}\n`);
const missed = results.flatMap((r) => r.rows).filter((r) => r.ok === false);
if (missed.length > 0) process.stdout.write(`\n${missed.length} budget(s) missed: ${missed.map((r) => r.name).join('; ')}\n`);
