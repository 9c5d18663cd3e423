import { readFileSync } from 'node:fs';
import { katexAssets, jsonForScript, scriptSafe } from './assets.ts';
import { LENGTH_EDGES, SAMPLES_PER_REASON, type ReportData } from './data.ts';
import { PALETTE, esc, fmt, funnelChart, groupedBars, heatmap, stackedBars, type FunnelPanel } from './svg.ts';
import type { FunnelRow } from '../audit/summary.ts';

const CLIENT_JS = readFileSync(new URL('./client.js', import.meta.url), 'utf8');
const TEX_JS = readFileSync(new URL('./tex.js', import.meta.url), 'utf8');

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');

/** The whole report as one HTML document (charts as inline SVG, KaTeX and data inlined). */
export function renderReport(d: ReportData): string {
  const m = d.manifest;
  const s = d.summary;
  const color: Record<string, string> = {};
  s.sources.forEach((src, i) => (color[src] = PALETTE[i % PALETTE.length]));
  const k = katexAssets();

  const body = [
    header(d),
    section('funnel', 'Funnel per source', funnelSection(d)),
    section('reasons', 'Why problems were rejected', reasonsSection(d)),
    section('answers', 'Answer kinds of the kept problems', answersSection(d)),
    section('lengths', 'Problem lengths', lengthsSection(d, color)),
    section('dedup', 'Duplicates', dedupSection(d)),
    section('samples', 'Rejected problems, by reason', samplesSection(d)),
    section('reproduce', 'Reproduce this build', reproduceSection(d)),
  ].join('\n');

  const clientData = { samples: d.samples, sources: s.sources, colors: color };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bigmath corpus report: ${fmt(m.totals.kept)} problems kept of ${fmt(m.totals.read)} read</title>
<style>${k.css}</style>
<style>${STYLE}</style>
</head>
<body>
<nav><b>bigmath report</b> <a href="#funnel">funnel</a> <a href="#reasons">reasons</a> <a href="#answers">answers</a> <a href="#lengths">lengths</a> <a href="#dedup">duplicates</a> <a href="#samples">samples</a> <a href="#reproduce">reproduce</a></nav>
<main>
${body}
</main>
<script type="application/json" id="report-data">${jsonForScript(clientData)}</script>
<script>${k.js}</script>
<script>${k.autoRender}</script>
<script>${scriptSafe(TEX_JS)}</script>
<script>${scriptSafe(CLIENT_JS)}</script>
</body>
</html>
`;
}

function section(id: string, title: string, html: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>\n${html}\n</section>`;
}

function header(d: ReportData): string {
  const t = d.manifest.totals;
  const records = t.read - t.folded;
  const card = (label: string, value: number, note: string, cls = '') => `<div class="stat ${cls}" data-stat="${esc(label)}"><div class="v">${fmt(value)}</div><div class="l">${esc(label)}</div><div class="n">${esc(note)}</div></div>`;
  return `<header>
<h1>bigmath corpus report</h1>
<p class="sub">Built by ${esc(d.manifest.tool.name)} ${esc(d.manifest.tool.version)} (Node ${esc(d.manifest.tool.node)}), config <code title="${esc(d.manifest.config_hash)}">${esc(d.manifest.config_hash.slice(0, 12))}</code>, ${d.summary.sources.length} sources.
Every number below is computed from the Parquet outputs (<code>corpus/</code>, <code>rejected/</code>); the same tables are printed by <code>bigmath audit DIR</code>.</p>
${d.summary.mismatches.length ? `<p class="warn">The Parquet outputs disagree with manifest.json: ${d.summary.mismatches.map(esc).join('; ')}</p>` : ''}
<div class="stats">
${card('rows read', t.read, `${fmt(t.folded)} folded into ${fmt(records)} records`)}
${card('kept', t.kept, `${pct(t.kept, records)} of records`, 'good')}
${card('rejected', t.rejected, `${pct(t.rejected, records)} of records`, 'bad')}
${card('duplicate clusters', d.clusterSizes.reduce((a, c) => a + c.clusters, 0), `${fmt(d.clusterSizes.reduce((a, c) => a + c.clusters * c.size, 0))} records in clusters`)}
</div>
</header>`;
}

/** Funnel bar labels: the stage that removed the red part. */
const STAGE_LABEL: Record<string, string> = {
  read: 'well-formed rows',
  source_policy: 'source policy',
  hygiene: 'hygiene',
  open_ended: 'open-ended',
  uniquely_verifiable: 'uniquely verifiable',
  closed_form: 'closed-form answer',
  decontamination: 'decontamination',
  dedup: 'dedup',
};

function panelOf(f: FunnelRow): FunnelPanel {
  return {
    source: f.source,
    kept: f.kept,
    steps: [
      { label: 'rows read', remaining: f.read, removed: 0 },
      { label: 'records (folded)', remaining: f.records, removed: f.folded },
      ...f.stages.map((st) => ({ label: STAGE_LABEL[st.stage] ?? st.stage, remaining: st.remaining, removed: st.removed })),
      { label: 'kept', remaining: f.kept, removed: 0 },
    ],
  };
}

function funnelSection(d: ReportData): string {
  const s = d.summary;
  const panels = [...s.funnel, s.total].map((f) => `<figure class="panel">${funnelChart(panelOf(f), f.read)}</figure>`).join('');
  const cols = [...s.funnel, s.total];
  const row = (label: string, cells: string[], cls = '') => `<tr class="${cls}"><th>${esc(label)}</th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  const table = `<table class="num" id="funnel-table"><thead><tr><th>stage</th>${cols.map((f) => `<th>${esc(f.source)}</th>`).join('')}</tr></thead><tbody>
${row('rows read', cols.map((f) => fmt(f.read)))}
${row('folded rows', cols.map((f) => (f.folded ? `−${fmt(f.folded)}` : '–')))}
${row('records', cols.map((f) => fmt(f.records)), 'sep')}
${s.total.stages.map((st, i) => row(`after ${st.stage}`, cols.map((f) => `${fmt(f.stages[i].remaining)}${f.stages[i].removed ? ` <span class="neg">−${fmt(f.stages[i].removed)}</span>` : ''}`))).join('\n')}
${row('kept', cols.map((f) => `<b data-kept-source="${esc(f.source)}">${fmt(f.kept)}</b>`), 'sep')}
${row('kept % of records', cols.map((f) => pct(f.kept, f.records)))}
</tbody></table>`;
  return `<p>Records left after each stage of the pipeline, per source; the red part of a bar is what that stage removed (a record is counted at the first stage it fails). Each funnel is scaled to its own source. OpenMathInstruct-2 has many solution rows per problem: they are folded into one record before filtering.</p>
<div class="panels">${panels}</div>
<details class="tbl"><summary>Funnel as a table</summary>${table}</details>`;
}

function reasonsSection(d: ReportData): string {
  const s = d.summary;
  const cols = [...s.sources, 'total'];
  const recordsOf = (src: string) => (src === 'total' ? s.total.records : (s.funnel.find((f) => f.source === src)?.records ?? 0));
  const value = (reason: string, src: string) => s.cells.filter((c) => c.reason === reason && (src === 'total' || c.source === src)).reduce((a, c) => a + c.primary, 0);
  const values = s.reasons.map((r) => cols.map((c) => value(r, c)));
  const hm = heatmap({
    id: 'reason-heatmap',
    rows: s.reasons,
    cols,
    values,
    intensity: s.reasons.map((r) => cols.map((c) => (recordsOf(c) ? (4 * value(r, c)) / recordsOf(c) : 0))),
    rowNote: s.reasons.map((r) => s.cells.find((c) => c.reason === r)?.stage ?? ''),
    title: (r, c, v) => `${c} · ${r}: ${fmt(v)} rejected (${pct(v, recordsOf(c))} of ${c === 'total' ? 'all' : c} records)`,
    rowAttr: 'data-reason',
    colAttr: 'data-source',
  });
  const ft = `<table class="num" id="filter-table"><thead><tr><th>filter</th><th>fired on</th><th>first failing check</th><th>only failing check</th><th>rejects with</th></tr></thead><tbody>
${d.filters.map((f) => `<tr data-filter="${esc(f.filter)}"><th>${esc(f.filter)}${f.disabled ? ' <span class="tag">disabled</span>' : ''}</th><td>${fmt(f.fired)}</td><td>${fmt(f.primary)}</td><td>${fmt(f.sole)}</td><td class="l">${esc(f.reasons.join(', ') || '–')}</td></tr>`).join('\n')}
</tbody></table>`;
  return `<p>Rejected records per source by <b>primary reason</b> (the first failing check in pipeline order). Colour: share of the source's records, so small sources stay readable. Hover a cell for details.</p>
<div class="scroll">${hm}</div>
<h3>How each filter behaves</h3>
<p>Every filter runs on every record. <i>Fired on</i>: records it flagged; <i>first failing check</i>: rejections with it as the primary reason; <i>only failing check</i>: records nothing else rejects, so switching this filter off alone would keep them (before dedup) — try <code>bigmath audit DIR --what-if disable=FILTER</code>.</p>
${ft}`;
}

function answersSection(d: ReportData): string {
  const bySource = new Map<string, { key: string; n: number }[]>();
  for (const a of d.answerKinds) (bySource.get(a.source) ?? bySource.set(a.source, []).get(a.source)!).push({ key: a.kind, n: a.n });
  const totals = new Map<string, number>();
  for (const a of d.answerKinds) totals.set(a.kind, (totals.get(a.kind) ?? 0) + a.n);
  const keys = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1));
  const colors: Record<string, string> = {};
  keys.forEach((k, i) => (colors[k] = PALETTE[i % PALETTE.length]));
  const rows = [...bySource].map(([label, parts]) => ({ label, parts }));
  rows.push({ label: 'total', parts: keys.map((key) => ({ key, n: totals.get(key)! })) });
  if (!d.answerKinds.length) return '<p>No kept problems.</p>';
  return `<p>The checker's reading of each kept answer (<code>answer_kind</code>): the kind decides how a model's answer is compared with it.</p><div class="scroll">${stackedBars('answer-kinds', rows, keys, colors)}</div>`;
}

function lengthsSection(d: ReportData, color: Record<string, string>): string {
  const cats = LENGTH_EDGES.map((e, i) => (i === 0 ? `<${e}` : `${LENGTH_EDGES[i - 1]}–${e - 1}`)).concat(`≥${LENGTH_EDGES[LENGTH_EDGES.length - 1]}`);
  const chart = (kept: boolean) => {
    const series = d.summary.sources.map((src) => {
      const total = d.lengths.filter((l) => l.source === src && l.kept === kept).reduce((a, l) => a + l.n, 0);
      return {
        name: src,
        color: color[src],
        values: cats.map((_, bin) => {
          const n = d.lengths.find((l) => l.source === src && l.kept === kept && l.bin === bin)?.n ?? 0;
          return total ? Math.round((1000 * n) / total) / 10 : 0;
        }),
      };
    });
    return groupedBars(kept ? 'lengths-kept' : 'lengths-rejected', cats, series, { yLabel: '% of the source’s problems', format: (v) => `${v.toFixed(0)}%` });
  };
  const stats = `<table class="num" id="length-table"><thead><tr><th>source</th><th>status</th><th>problems</th><th>median chars</th><th>90th pct</th><th>longest</th></tr></thead><tbody>
${d.lengthStats.map((l) => `<tr><th>${esc(l.source)}</th><td class="l">${l.kept ? 'kept' : 'rejected'}</td><td>${fmt(l.n)}</td><td>${fmt(l.p50)}</td><td>${fmt(l.p90)}</td><td>${fmt(l.max)}</td></tr>`).join('\n')}
</tbody></table>`;
  return `<p>Length of the problem text in characters (after cleaning), as a share of each source's problems. Malformed rows are left out.</p>
<div class="two"><figure><figcaption>kept</figcaption><div class="scroll">${chart(true)}</div></figure><figure><figcaption>rejected</figcaption><div class="scroll">${chart(false)}</div></figure></div>
<details class="tbl"><summary>Length statistics</summary>${stats}</details>`;
}

function sizeBucket(size: number): string {
  if (size <= 10) return String(size);
  if (size <= 20) return '11–20';
  if (size <= 50) return '21–50';
  if (size <= 100) return '51–100';
  return '>100';
}

function dedupSection(d: ReportData): string {
  const buckets = new Map<string, number>();
  for (const c of d.clusterSizes) buckets.set(sizeBucket(c.size), (buckets.get(sizeBucket(c.size)) ?? 0) + c.clusters);
  const cats = [...buckets.keys()];
  const vals = cats.map((c) => buckets.get(c)!);
  const logY = vals.length > 1 && Math.max(...vals) / Math.max(1, Math.min(...vals)) > 50;
  const hist = cats.length
    ? groupedBars('cluster-sizes', cats, [{ name: 'clusters', values: vals, color: '#4e79a7' }], { yLabel: 'clusters', logY, labels: true, integer: true })
    : '<p>No duplicate clusters.</p>';
  const src = d.summary.sources;
  const ov = (a: string, b: string) => d.overlap.find((o) => o.a === a && o.b === b)?.clusters ?? 0;
  const matrix = heatmap({
    id: 'overlap-heatmap',
    rows: src,
    cols: src,
    values: src.map((a) => src.map((b) => ov(a, b))),
    title: (a, b, v) => (a === b ? `${a}: ${fmt(v)} clusters with two or more ${a} records` : `${fmt(v)} clusters hold both a ${a} and a ${b} record`),
    rowAttr: 'data-a',
    colAttr: 'data-b',
    hue: 210,
  });
  const removed = d.summary.cells.filter((c) => c.stage === 'dedup');
  const dedupReasons = d.summary.reasons.filter((r) => removed.some((c) => c.reason === r));
  const rem = `<table class="num" id="dedup-table"><thead><tr><th>source</th>${dedupReasons.map((r) => `<th>${esc(r)}</th>`).join('')}</tr></thead><tbody>${src
    .map((s) => `<tr><th>${esc(s)}</th>${dedupReasons.map((r) => `<td>${fmt(removed.find((c) => c.source === s && c.reason === r)?.primary ?? 0)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  return `<div class="two"><figure><figcaption>Cluster sizes (records per duplicate cluster)</figcaption><div class="scroll">${hist}</div></figure>
<figure><figcaption>Cross-source overlap: clusters shared by two sources (diagonal: duplicates inside one source)</figcaption><div class="scroll">${matrix}</div></figure></div>
${removed.length ? `<h3>Removed by dedup</h3>${rem}` : ''}
<p>A cluster keeps one copy (by source priority); the others are <code>exact_duplicate</code> or <code>near_duplicate</code>, or <code>answer_conflict</code> when their answers disagree. <code>bigmath explain DIR ID</code> shows a record's cluster.</p>`;
}

function samplesSection(d: ReportData): string {
  return `<p>For each reason, up to ${SAMPLES_PER_REASON} rejected problems (a fixed random sample, the same as <code>bigmath audit DIR --reason R --sample ${SAMPLES_PER_REASON} --seed 0</code>) with the evidence of every check that failed. Click a reason to open it; the filter matches the problem, answer, evidence, id and source of the samples.</p>
<div class="controls"><input id="sample-filter" type="search" placeholder="filter samples: text, evidence, id…" aria-label="filter samples"> <select id="sample-source" aria-label="source"><option value="">all sources</option>${d.summary.sources.map((s) => `<option>${esc(s)}</option>`).join('')}</select> <span id="sample-count"></span></div>
<div id="sample-groups" data-groups="${d.samples.length}"><noscript>JavaScript is needed to browse the samples.</noscript></div>`;
}

function reproduceSection(d: ReportData): string {
  const m = d.manifest;
  const inputs = `<table id="inputs-table"><thead><tr><th>source</th><th>path</th><th>rows</th><th>bytes</th><th>sha256</th></tr></thead><tbody>${m.inputs
    .map((i) => `<tr><th>${esc(i.source)}</th><td class="l">${esc(i.path)}</td><td>${fmt(i.rows)}</td><td>${fmt(i.bytes)}</td><td class="l mono">${esc(i.sha256)}</td></tr>`)
    .join('')}</tbody></table>`;
  const outputs = [...m.outputs.corpus, ...m.outputs.rejected];
  const outTable = `<table><thead><tr><th>file</th><th>rows</th><th>bytes</th><th>sha256</th></tr></thead><tbody>${outputs
    .map((o) => `<tr><th>${esc(o.path)}</th><td>${fmt(o.rows)}</td><td>${fmt(o.bytes)}</td><td class="l mono">${esc(o.sha256)}</td></tr>`)
    .join('')}</tbody></table>`;
  return `<p>Tool <b>${esc(m.tool.name)} ${esc(m.tool.version)}</b> on Node ${esc(m.tool.node)}; config hash <code>${esc(m.config_hash)}</code>. The outputs depend only on the inputs and the config: the same inputs (same sha256) and config give the same shards.</p>
<details class="tbl" open><summary>Inputs</summary>${inputs}</details>
<details class="tbl"><summary>Outputs (${outputs.length} shards)</summary>${outTable}</details>
<details class="tbl"><summary>Config</summary><pre>${esc(JSON.stringify(m.config, null, 2))}</pre></details>`;
}

const STYLE = `
:root{--fg:#1d2330;--muted:#5d6677;--line:#e3e6ec;--bg:#fff;--soft:#f6f7f9;--accent:#4e79a7}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
nav{position:sticky;top:0;z-index:5;background:#1d2330;color:#fff;padding:8px 24px;display:flex;gap:16px;align-items:center}
nav a{color:#cfe0f5;text-decoration:none}nav a:hover{text-decoration:underline}
main{max-width:1280px;margin:0 auto;padding:8px 24px 60px}
h1{margin:18px 0 4px;font-size:26px}h2{margin:34px 0 8px;font-size:20px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:22px 0 6px}
p{max-width:980px}.sub{color:var(--muted)}code{background:var(--soft);padding:1px 4px;border-radius:3px;font-size:12.5px}
.warn{background:#fff4e5;border:1px solid #f0b35a;padding:8px;border-radius:4px}
.stats{display:flex;gap:14px;flex-wrap:wrap;margin:14px 0}
.stat{border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:180px}
.stat .v{font-size:24px;font-weight:650}.stat .l{font-weight:600}.stat .n{color:var(--muted);font-size:12px}
.stat.good .v{color:#2f7d32}.stat.bad .v{color:#c0392b}
.panels{display:flex;flex-wrap:wrap;gap:8px 26px}.panel{margin:0}
.two{display:flex;flex-wrap:wrap;gap:20px 40px}.two figure{margin:0}figcaption{font-weight:600;margin:6px 0}
.scroll{overflow-x:auto;max-width:100%}
svg.chart text{font-family:inherit;fill:var(--fg)}svg .title{font-weight:650;font-size:14px}svg .lbl{font-size:12px}svg .b{font-weight:600}
svg .num{font-size:11.5px;font-variant-numeric:tabular-nums}svg .num.inv{fill:#fff}svg .neg{fill:#c0392b}svg .note{font-size:11px;fill:var(--muted)}
svg .tick{font-size:11px;fill:var(--muted)}svg .grid{stroke:#eceef2}svg .axis{stroke:#9aa3b2}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:4px 9px;vertical-align:top}
thead th{background:var(--soft);text-align:left}
table.num td{text-align:right;font-variant-numeric:tabular-nums}table td.l{text-align:left}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11.5px}
tbody th{text-align:left;font-weight:600}tr.sep td,tr.sep th{border-top:2px solid #cfd4dc}.neg{color:#c0392b;font-size:12px}
.tag{background:#fde7c8;color:#8a5300;border-radius:3px;padding:0 5px;font-size:11px;font-weight:500}
details.tbl>summary,details.group>summary{cursor:pointer;margin:8px 0;font-weight:600}
pre{background:var(--soft);padding:10px;overflow:auto;max-height:420px;font-size:12px}
.controls{position:sticky;top:37px;z-index:4;background:var(--bg);padding:8px 0;display:flex;gap:10px;align-items:center}
#sample-filter{width:420px;max-width:70vw;padding:6px 9px;font-size:14px;border:1px solid #c3c9d4;border-radius:4px}
#sample-source{padding:5px}#sample-count{color:var(--muted)}
details.group{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:0 12px}
details.group>summary .n{color:var(--muted);font-weight:400}details.group>summary .st{font-weight:400;color:var(--muted);font-size:12px;margin-left:6px}
table.samples{width:100%;table-layout:fixed}table.samples td{word-wrap:break-word;overflow-wrap:anywhere}
table.samples th:nth-child(1){width:16%}table.samples th:nth-child(2){width:52%}table.samples td.meta{font-size:12px;color:var(--muted)}table.samples td.ev{font-size:12.5px}
.ev .r{font-weight:600;color:#8a1f11}.ans{margin-top:6px;font-size:12.5px}.ans b{color:var(--muted);font-weight:500}
.trunc{color:var(--muted);font-style:italic}.hidden{display:none}
.katex{font-size:1.05em}
`;
