/**
 * Small inline-SVG charts for the report, generated as strings (no chart library). Every chart
 * carries `data-*` attributes with its numbers so tests (and curious readers) can check them.
 */

export function esc(s: string | number | null | undefined): string {
  return String(s ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function short(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return fmt(n);
}

export interface FunnelPanel {
  source: string;
  /** Bars from top to bottom: label, records left, records removed at that step. */
  steps: { label: string; remaining: number; removed: number }[];
  kept: number;
}

/** One funnel per source: bars of records left after each stage, the removed part in red. */
export function funnelChart(p: FunnelPanel, scaleMax: number): string {
  const labelW = 132;
  const barW = 160;
  const numW = 92;
  const rowH = 20;
  const top = 26;
  const h = top + p.steps.length * rowH + 6;
  const w = labelW + barW + numW;
  const x = (n: number) => (scaleMax ? (n / scaleMax) * barW : 0);
  let s = `<svg class="chart funnel" role="img" aria-label="funnel for ${esc(p.source)}" data-source="${esc(p.source)}" data-kept="${p.kept}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">`;
  s += `<text x="0" y="16" class="title">${esc(p.source)}</text>`;
  p.steps.forEach((st, i) => {
    const y = top + i * rowH;
    const isKept = i === p.steps.length - 1;
    s += `<g data-step="${esc(st.label)}" data-remaining="${st.remaining}" data-removed="${st.removed}">`;
    s += `<title>${esc(p.source)} · ${esc(st.label)}: ${fmt(st.remaining)} left${st.removed ? `, ${fmt(st.removed)} removed` : ''}</title>`;
    s += `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end" class="lbl">${esc(st.label)}</text>`;
    s += `<rect x="${labelW}" y="${y + 2}" width="${x(st.remaining).toFixed(1)}" height="${rowH - 5}" fill="${isKept ? '#2f7d32' : '#4e79a7'}"/>`;
    if (st.removed) s += `<rect x="${(labelW + x(st.remaining)).toFixed(1)}" y="${y + 2}" width="${Math.max(1, x(st.removed)).toFixed(1)}" height="${rowH - 5}" fill="#e15759" opacity="0.75"/>`;
    s += `<text x="${labelW + barW + 4}" y="${y + 13}" class="num">${short(st.remaining)}${st.removed ? ` <tspan class="neg">−${short(st.removed)}</tspan>` : ''}</text>`;
    s += `</g>`;
  });
  return s + `</svg>`;
}

export interface Heatmap {
  id: string;
  rows: string[];
  cols: string[];
  /** values[r][c] */
  values: number[][];
  /** Colour intensity in [0, 1] per cell (defaults to value / max). */
  intensity?: number[][];
  title: (row: string, col: string, v: number) => string;
  rowAttr: string;
  colAttr: string;
  /** Extra row label column (e.g. the stage of a reason). */
  rowNote?: string[];
  hue?: number;
}

export function heatmap(h: Heatmap): string {
  const labelW = Math.max(80, 7.2 * Math.max(...h.rows.map((r) => r.length), 4) + 12);
  const noteW = h.rowNote ? Math.max(...h.rowNote.map((n) => n.length), 4) * 6.4 + 14 : 0;
  const cellW = Math.max(74, 7.2 * Math.max(...h.cols.map((c) => c.length), 4) + 10);
  const cellH = 24;
  const top = 30;
  const w = labelW + noteW + h.cols.length * cellW + 2;
  const ht = top + h.rows.length * cellH + 2;
  const max = Math.max(1, ...h.values.flat());
  const hue = h.hue ?? 4;
  let s = `<svg class="chart heatmap" id="${esc(h.id)}" role="img" width="${w}" height="${ht}" viewBox="0 0 ${w} ${ht}" xmlns="http://www.w3.org/2000/svg">`;
  h.cols.forEach((c, j) => {
    s += `<text x="${labelW + noteW + j * cellW + cellW / 2}" y="${top - 10}" text-anchor="middle" class="lbl b">${esc(c)}</text>`;
  });
  h.rows.forEach((r, i) => {
    const y = top + i * cellH;
    s += `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="lbl">${esc(r)}</text>`;
    if (h.rowNote) s += `<text x="${labelW + 2}" y="${y + 16}" class="note">${esc(h.rowNote[i])}</text>`;
    h.cols.forEach((c, j) => {
      const v = h.values[i][j];
      const t = h.intensity ? h.intensity[i][j] : v / max;
      const a = v ? 0.08 + 0.85 * Math.sqrt(Math.min(1, t)) : 0;
      const fill = v ? `hsla(${hue}, 72%, 48%, ${a.toFixed(3)})` : '#f6f7f9';
      const x = labelW + noteW + j * cellW;
      s += `<g class="cell" ${h.rowAttr}="${esc(r)}" ${h.colAttr}="${esc(c)}" data-count="${v}"><title>${esc(h.title(r, c, v))}</title>`;
      s += `<rect x="${x + 1}" y="${y + 1}" width="${cellW - 2}" height="${cellH - 2}" rx="2" fill="${fill}"/>`;
      s += `<text x="${x + cellW / 2}" y="${y + 16}" text-anchor="middle" class="num${a > 0.6 ? ' inv' : ''}">${v ? fmt(v) : '·'}</text></g>`;
    });
  });
  return s + `</svg>`;
}

/** Horizontal 100% stacked bars, one per row, with a legend. */
export function stackedBars(id: string, rows: { label: string; parts: { key: string; n: number }[] }[], keys: string[], colors: Record<string, string>): string {
  const labelW = Math.max(90, 7.2 * Math.max(...rows.map((r) => r.label.length), 4) + 12);
  const barW = 520;
  const rowH = 26;
  const legendH = 22 * Math.ceil(keys.length / 5);
  const w = labelW + barW + 90;
  const h = legendH + rows.length * rowH + 8;
  let s = `<svg class="chart stacked" id="${esc(id)}" role="img" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">`;
  keys.forEach((k, i) => {
    const lx = labelW + (i % 5) * 118;
    const ly = 4 + Math.floor(i / 5) * 22;
    s += `<rect x="${lx}" y="${ly + 2}" width="12" height="12" fill="${colors[k]}"/><text x="${lx + 16}" y="${ly + 12}" class="lbl">${esc(k)}</text>`;
  });
  rows.forEach((r, i) => {
    const y = legendH + i * rowH;
    const total = r.parts.reduce((a, p) => a + p.n, 0);
    s += `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="lbl">${esc(r.label)}</text>`;
    let x = labelW;
    for (const k of keys) {
      const n = r.parts.find((p) => p.key === k)?.n ?? 0;
      if (!n) continue;
      const bw = total ? (n / total) * barW : 0;
      s += `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${bw.toFixed(1)}" height="${rowH - 8}" fill="${colors[k]}" data-row="${esc(r.label)}" data-key="${esc(k)}" data-count="${n}"><title>${esc(r.label)} · ${esc(k)}: ${fmt(n)} (${((100 * n) / total).toFixed(1)}%)</title></rect>`;
      if (bw > 34) s += `<text x="${(x + bw / 2).toFixed(1)}" y="${y + 16}" text-anchor="middle" class="num inv">${((100 * n) / total).toFixed(0)}%</text>`;
      x += bw;
    }
    s += `<text x="${labelW + barW + 6}" y="${y + 16}" class="num">${fmt(total)}</text>`;
  });
  return s + `</svg>`;
}

/** Vertical grouped bars: one group per category, one bar per series. */
export function groupedBars(
  id: string,
  categories: string[],
  series: { name: string; values: number[]; color: string }[],
  opts: { yLabel: string; format?: (v: number) => string; logY?: boolean; labels?: boolean; integer?: boolean } = { yLabel: '' },
): string {
  const left = 56;
  const bottom = 40;
  const groupW = Math.max(40, series.length * 14 + 12);
  const plotW = Math.max(categories.length * groupW, 160);
  let legendW = 0;
  let legendRows = 1;
  for (const sr of series) {
    const lw = 26 + 7 * sr.name.length;
    if (legendW > 0 && legendW + lw > plotW) {
      legendRows++;
      legendW = 0;
    }
    legendW += lw;
  }
  const top = series.length > 1 ? 14 + 18 * legendRows : 24;
  const plotH = 200;
  const w = left + plotW + 20;
  const h = top + plotH + bottom;
  const rawMax = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const step = niceStep(rawMax / 4, opts.integer ?? false);
  const maxV = opts.logY ? rawMax : Math.ceil(rawMax / step - 1e-9) * step;
  const f = opts.format ?? ((v: number) => fmt(v));
  const y = (v: number) => {
    if (v <= 0) return 0;
    return opts.logY ? (Math.log10(1 + v) / Math.log10(1 + maxV)) * plotH : (v / maxV) * plotH;
  };
  let s = `<svg class="chart bars" id="${esc(id)}" role="img" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">`;
  // legend, wrapped to the plot width
  if (series.length > 1) {
    let lx = left;
    let ly = 4;
    for (const sr of series) {
      const lw = 26 + 7 * sr.name.length;
      if (lx > left && lx + lw > left + plotW) {
        lx = left;
        ly += 18;
      }
      s += `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${sr.color}"/><text x="${lx + 16}" y="${ly + 10}" class="lbl">${esc(sr.name)}</text>`;
      lx += lw;
    }
  }
  // axes and grid
  const ticks: number[] = [];
  if (opts.logY) for (let t = 1; t <= maxV; t *= 10) ticks.push(t);
  else for (let t = 0; t <= maxV + 1e-9; t += step) ticks.push(t);
  for (const t of ticks) {
    const ty = top + plotH - y(t);
    s += `<line x1="${left}" x2="${left + plotW}" y1="${ty.toFixed(1)}" y2="${ty.toFixed(1)}" class="grid"/><text x="${left - 6}" y="${(ty + 4).toFixed(1)}" text-anchor="end" class="tick">${esc(f(t))}</text>`;
  }
  s += `<text x="12" y="${top + plotH / 2}" transform="rotate(-90 12 ${top + plotH / 2})" text-anchor="middle" class="tick">${esc(opts.yLabel)}${opts.logY ? ' (log scale)' : ''}</text>`;
  categories.forEach((c, i) => {
    const gx = left + i * groupW + 6;
    series.forEach((sr, k) => {
      const v = sr.values[i] ?? 0;
      const bh = y(v);
      const bw = (groupW - 12) / series.length;
      const bx = gx + k * bw;
      s += `<rect x="${bx.toFixed(1)}" y="${(top + plotH - bh).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="${sr.color}" data-category="${esc(c)}" data-series="${esc(sr.name)}" data-value="${v}"><title>${esc(sr.name)} · ${esc(c)}: ${esc(f(v))}</title></rect>`;
      if (opts.labels && v) s += `<text x="${(bx + bw / 2).toFixed(1)}" y="${(top + plotH - bh - 4).toFixed(1)}" text-anchor="middle" class="tick">${esc(f(v))}</text>`;
    });
    s += `<text x="${(gx + (groupW - 12) / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" class="tick">${esc(c)}</text>`;
  });
  s += `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" class="axis"/>`;
  return s + `</svg>`;
}

/** A round tick step (1, 2 or 5 times a power of ten) near `raw`. */
export function niceStep(raw: number, integer: boolean): number {
  if (raw <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  return integer ? Math.max(1, Math.round(step)) : step;
}
