/** One row of `npm run bench`: a measurement, its target, and the alternative measured in the same run. */
export type BenchRow = {
  name: string;
  value: number;
  unit: string;
  /** The same quantity for the alternative (e.g. LIKE scan, Chromium print-to-PDF). */
  baseline?: number;
  /** baseline / value (how many times better than the alternative), or as the bench defines it. */
  ratio?: number;
  /** A human-readable budget, e.g. "≤ 2 ms". */
  target?: string;
  /** Whether the value meets the target. */
  ok?: boolean;
};

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function formatTable(sections: Array<{ section: string; rows: BenchRow[] }>): string {
  const header = ['section', 'measurement', 'value', 'unit', 'target', 'met', 'alternative', 'ratio'];
  const body = sections.flatMap(({ section, rows }) =>
    rows.map((r) => [
      section,
      r.name,
      fmt(r.value),
      r.unit,
      r.target ?? '',
      r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
      r.baseline === undefined ? '' : fmt(r.baseline),
      r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
    ]),
  );
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i] ?? ''))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
/** Display width: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
