/** Plain-text tables and CSV for the audit commands. */

export type Format = 'table' | 'json' | 'csv';

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

export function pct(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '-';
}

/**
 * A text table: first column left-aligned, others right-aligned unless listed in `left`.
 * A row given as `null` becomes a separator line.
 */
export function textTable(header: string[], rows: (string[] | null)[], left: number[] = [0]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r ? displayWidth(r[i] ?? '') : 0))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (left.includes(i) ? padEnd(c, widths[i]) : padStart(c, widths[i])))
      .join('  ')
      .trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), sep, ...rows.map((r) => (r ? line(r) : sep))].join('\n') + '\n';
}

function displayWidth(s: string): number {
  return [...s].length;
}
function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - displayWidth(s)));
}
function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - displayWidth(s))) + s;
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted. */
export function csv(header: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export function json(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

/** One line, at most `max` characters (for table cells). */
export function oneLine(s: string | null | undefined, max = 100): string {
  if (!s) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Wraps text to `width` columns with an indent, keeping paragraph breaks. */
export function wrap(s: string, width = 96, indent = '    '): string {
  const out: string[] = [];
  for (const para of s.split(/\n/)) {
    let line = '';
    for (const word of para.split(/[ \t]+/)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n').replace(/\s+$/, '');
}
