/** One row of the benchmark table: a measured figure, its goal and whether it is met. */
export interface BenchRow {
  metric: string;
  value: number;
  goal: string;
  /** null: informational, no goal. */
  ok: boolean | null;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    row.metric,
    row.value >= 100 ? row.value.toFixed(0) : row.value.toFixed(3),
    row.goal,
    row.ok === null ? '' : row.ok ? 'met' : 'MISSED',
  ]);
  const header = ['metric', 'value', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
