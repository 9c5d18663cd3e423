import type { Manifest } from '../../schemas/manifest.ts';

/** The end-of-run table: rows read, kept, rejected and folded per source, and the top reasons. */
export function summaryTable(m: Manifest): string {
  const header = ['source', 'read', 'kept', 'rejected', 'folded', 'kept %', 'top rejection reasons'];
  const rows = Object.entries(m.counts).map(([s, c]) => [
    s,
    fmt(c.read),
    fmt(c.kept),
    fmt(c.rejected),
    fmt(c.folded),
    c.read - c.folded ? ((100 * c.kept) / (c.read - c.folded)).toFixed(1) : '-',
    Object.entries(c.by_reason)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([r, n]) => `${r} ${fmt(n)}`)
      .join(', '),
  ]);
  const t = m.totals;
  rows.push(['total', fmt(t.read), fmt(t.kept), fmt(t.rejected), fmt(t.folded), t.read - t.folded ? ((100 * t.kept) / (t.read - t.folded)).toFixed(1) : '-', '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
