import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { ADAPTERS } from '../../sources/registry.ts';
import { defaultBenchmarkSpecs } from '../decontam/benchmarks.ts';
import type { RunOutputs } from '../audit/outputs.ts';
import { runCounts, type RunCounts } from './run-counts.ts';
import { PROJECT_ROOT } from '../version.ts';
import { CORPUS_COLUMNS, REJECTED_EXTRA } from '../write/columns.ts';
import { REASON_TEXT } from './reason-text.ts';

export interface CardData extends RunCounts {
  /** Problems rejected per decontamination benchmark. */
  contamination: { benchmark: string; n: number }[];
}

/** `counts` when the caller has them already (the run computes them once for the report and the card). */
export async function cardData(o: RunOutputs, counts?: RunCounts): Promise<CardData> {
  const contamination = await o.query<{ benchmark: string; n: number }>(
    `SELECT split_part(contamination, ':', 1) AS benchmark, count(*)::BIGINT AS n FROM records WHERE contamination IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  return { ...(counts ?? (await runCounts(o))), contamination };
}

/**
 * The Hugging Face dataset card (`DIR/README.md`): YAML front matter (licenses, the `default`
 * and `rejected` configs with their shards, features matching the Parquet schema, size
 * category), then counts, fields, filters and settings, benchmarks and how to reproduce.
 */
export function renderDatasetCard(d: CardData): string {
  const { manifest: m, summary: s, filters, contamination } = d;
  const config = (m.config ?? {}) as Record<string, Record<string, unknown>>;
  const sources = s.sources;
  const license = (src: string) => ADAPTERS.find((a) => a.name === src)?.license ?? 'unknown';
  const adapter = (src: string) => ADAPTERS.find((a) => a.name === src);
  const licenses = [...new Set(sources.map((x) => hfLicense(license(x))))].sort();

  const corpusBytes = m.outputs.corpus.reduce((a, x) => a + x.bytes, 0);
  const rejectedBytes = m.outputs.rejected.reduce((a, x) => a + x.bytes, 0);
  const front: Yaml = {
    pretty_name: 'bigmath: verified math problems for RL',
    license: licenses.length === 1 ? licenses[0] : licenses,
    language: ['en'],
    task_categories: ['question-answering', 'text-generation'],
    tags: ['math', 'reinforcement-learning', 'verifiable-rewards', 'bigmath'],
    size_categories: [sizeCategory(m.totals.kept)],
    source_datasets: sources.flatMap((x) => (adapter(x)?.location.kind === 'hf_dataset' ? [adapter(x)!.location.repo] : [])),
    configs: [
      { config_name: 'default', data_files: [{ split: 'train', path: 'corpus/part-*.parquet' }], default: true },
      { config_name: 'rejected', data_files: [{ split: 'train', path: 'rejected/part-*.parquet' }] },
    ],
    dataset_info: [
      { config_name: 'default', features: CORPUS_COLUMNS.map(([n, t]) => hfFeature(n, t)), splits: [{ name: 'train', num_examples: m.totals.kept }], download_size: corpusBytes },
      {
        config_name: 'rejected',
        features: [...CORPUS_COLUMNS, ...REJECTED_EXTRA].map(([n, t]) => hfFeature(n, t)),
        splits: [{ name: 'train', num_examples: m.totals.rejected }],
        download_size: rejectedBytes,
      },
    ],
  };

  const L: string[] = ['---', yaml(front).trimEnd(), '---', ''];
  const records = m.totals.read - m.totals.folded;
  L.push(`# bigmath corpus`, '');
  L.push(
    `${fmt(m.totals.kept)} math problems with a single, machine-checkable final answer, selected from ${fmt(m.totals.read)} upstream rows ` +
      `(${fmt(records)} distinct problems) of ${sources.length} public datasets by \`bigmath\` ${m.tool.version}. ` +
      `Every kept problem passed every filter, is not a duplicate of another kept problem, and does not overlap the decontamination benchmarks. ` +
      `The ${fmt(m.totals.rejected)} rejected problems are published too (config \`rejected\`) with the reason and evidence of every failing check.`,
    '',
  );
  L.push('## Load', '', '```python', 'from datasets import load_dataset', '', '# this folder (or its Hub repo) as a dataset: the configs below', 'corpus = load_dataset("path/to/this/folder")              # config "default": kept problems', 'rejected = load_dataset("path/to/this/folder", "rejected")', '', '# or the shards directly', 'corpus = load_dataset("parquet", data_dir="path/to/this/folder/corpus")', 'rejected = load_dataset("parquet", data_dir="path/to/this/folder/rejected")', '```', '');
  L.push('Both configs have one split, `train`. A training loop compares a model\'s answer with `answer` using the checker (`bigmath check GOLD PRED`, or the `bigmath` package\'s `isEquivalent`); `answer_kind` and `answer_canonical` are the checker\'s reading of the answer.', '');

  L.push('## Counts per source', '');
  L.push('| source | upstream | license | rows read | folded | records | kept | rejected | kept % | top rejection reasons |', '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const src of sources) {
    const c = m.counts[src];
    if (!c) continue;
    const rec = c.read - c.folded;
    const top = Object.entries(c.by_reason)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([r, n]) => `${r} ${fmt(n)}`)
      .join(', ');
    L.push(`| ${src} | ${adapter(src) ? `[${linkText(adapter(src)!.location)}](${repoUrl(adapter(src)!.location)})` : ''} | ${license(src)} | ${fmt(c.read)} | ${fmt(c.folded)} | ${fmt(rec)} | ${fmt(c.kept)} | ${fmt(c.rejected)} | ${pct(c.kept, rec)} | ${top} |`);
  }
  L.push(`| **total** | | | ${fmt(m.totals.read)} | ${fmt(m.totals.folded)} | ${fmt(records)} | ${fmt(m.totals.kept)} | ${fmt(m.totals.rejected)} | ${pct(m.totals.kept, records)} | |`, '');
  L.push('Rows read = kept + rejected + folded for every source (`folded`: further upstream rows of the same problem, e.g. OpenMathInstruct-2\'s many solutions, counted in `folded_rows`). The report `report.html` in this folder charts these numbers; `bigmath audit DIR` prints them.', '');

  L.push('### Rejections by reason', '');
  L.push(`| reason | stage | ${sources.join(' | ')} | total |`, `| --- | --- | ${sources.map(() => '---:').join(' | ')} | ---: |`);
  for (const r of s.reasons) {
    const v = (src: string | null) => s.cells.filter((c) => c.reason === r && (src === null || c.source === src)).reduce((a, c) => a + c.primary, 0);
    L.push(`| \`${r}\` | ${s.cells.find((c) => c.reason === r)?.stage ?? ''} | ${sources.map((src) => fmt(v(src))).join(' | ')} | ${fmt(v(null))} |`);
  }
  L.push('', 'A rejected record counts under its primary reason, the first failing check in pipeline order; `reasons` lists every failing check.', '');

  L.push('## Fields', '');
  L.push('Both configs have these columns:', '', '| field | type | description |', '| --- | --- | --- |');
  for (const [n, t, d] of CORPUS_COLUMNS) L.push(`| \`${n}\` | ${hfTypeText(t)} | ${mdCell(d)} |`);
  L.push('', '`difficulty` is the number in `level` on the scale of its source (the scales differ, so compare within a source):', '', '| source | scale | meaning |', '| --- | --- | --- |');
  for (const a of ADAPTERS) if (a.difficulty) L.push(`| ${a.name} | ${a.difficulty.min}-${a.difficulty.max} | ${mdCell(a.difficulty.meaning)} |`);
  L.push('', '`signals` is a list with one entry per check, in pipeline order:', '', '| field | type | description |', '| --- | --- | --- |');
  L.push('| `signals[].filter` | string | filter name (the key of `filters.disable`) |');
  L.push('| `signals[].reason` | string | reason code the filter rejects with |');
  L.push('| `signals[].fired` | bool | true when the filter wants the record rejected (a disabled filter still records it) |');
  L.push('| `signals[].evidence` | string | what matched, short and human-readable (may be empty) |');
  L.push('', 'The `rejected` config has four more columns:', '', '| field | type | description |', '| --- | --- | --- |');
  for (const [n, t, d] of REJECTED_EXTRA) L.push(`| \`${n}\` | ${hfTypeText(t)} | ${mdCell(d)} |`);
  L.push('');

  L.push('## Filters and settings', '');
  const disabled = new Set(filters.filter((f) => f.disabled).map((f) => f.filter));
  L.push('| check | rejects with | meaning | fired on | rejected first by it | rejected by it alone |', '| --- | --- | --- | ---: | ---: | ---: |');
  for (const f of filters) {
    const meaning = f.reasons.length ? f.reasons.map((r) => REASON_TEXT[r] ?? '').filter(Boolean).join('; ') : (REASON_TEXT[f.filter] ?? '');
    L.push(`| \`${f.filter}\`${disabled.has(f.filter) ? ' (disabled)' : ''} | ${f.reasons.map((r) => `\`${r}\``).join(', ') || `\`${f.filter}\``} | ${mdCell(meaning)} | ${fmt(f.fired)} | ${fmt(f.primary)} | ${fmt(f.sole)} |`);
  }
  L.push('');
  const fc = config.filters ?? {};
  const sp = config.source_policy ?? {};
  const dd = config.dedup ?? {};
  L.push(`- Disabled filters (recorded, never rejecting): ${Array.isArray(fc.disable) && fc.disable.length ? (fc.disable as string[]).map((x) => `\`${x}\``).join(', ') : 'none'}`);
  if (fc.figure_policy) L.push(`- Figure policy: \`${fc.figure_policy}\``);
  const ex = (sp.exclude_subsets ?? {}) as Record<string, string[]>;
  L.push(`- Excluded subsets: ${Object.entries(ex).map(([k, v]) => `${k}: ${v.map((x) => `\`${x}\``).join(', ')}`).join('; ') || 'none'}`);
  if (dd.enabled === false) L.push('- Deduplication: off');
  else
    L.push(
      `- Deduplication: exact (normalised text) and near duplicates (MinHash LSH, ${dd.num_perm} permutations, ${dd.bands} bands x ${dd.rows} rows, ${dd.word_ngram}-word and ${dd.char_ngram}-character shingles, confirmed at Jaccard >= ${dd.near_dup_threshold}); ` +
        `the copy kept follows source priority ${Array.isArray(dd.source_priority) ? (dd.source_priority as string[]).join(' > ') : ''}; answer conflicts: \`${dd.conflict_policy}\``,
    );
  L.push('');

  L.push('## Decontamination benchmarks', '');
  const dc = config.decontamination ?? {};
  if (dc.enabled === false) L.push('Decontamination was off for this build.', '');
  else {
    const given = Array.isArray(dc.benchmarks) && dc.benchmarks.length ? (dc.benchmarks as { name: string; path: string }[]) : defaultBenchmarkSpecs(PROJECT_ROOT);
    L.push(`A problem is rejected as \`benchmark_contamination\` when it equals a benchmark test problem after normalisation or shares a ${dc.ngram ?? 13}-word run with one${dc.keep_benchmark_problems ? ' (this build keeps them: `keep_benchmark_problems`)' : ''}.`, '');
    L.push('| benchmark | file | sha256 | problems rejected |', '| --- | --- | --- | ---: |');
    for (const b of given) {
      const path = isAbsolute(b.path) ? b.path : join(process.cwd(), b.path);
      const shown = path.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, path) : b.path;
      const sha = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : '(file not found)';
      L.push(`| ${b.name} | \`${shown}\` | \`${sha}\` | ${fmt(contamination.find((c) => c.benchmark === b.name)?.n ?? 0)} |`);
    }
    L.push('');
  }

  L.push('## Reproduce', '');
  L.push(`Built by \`bigmath\` ${m.tool.version} on Node ${m.tool.node}. Config hash \`${m.config_hash}\` (sha256 of the canonical JSON of the config below). The same inputs and config give byte-identical shards.`, '');
  L.push('```sh', `bigmath run ${m.inputs.length ? [...new Set(m.inputs.map((i) => `--input ${i.source}=<path to ${i.source} files>`))].join(' ') : ''} --config config.json --out DIR`, '```', '');
  L.push('<details><summary>config.json</summary>', '', '```json', JSON.stringify(m.config, null, 2), '```', '', '</details>', '');
  L.push('Inputs:', '', '| source | file | rows | bytes | sha256 |', '| --- | --- | ---: | ---: | --- |');
  for (const i of m.inputs) L.push(`| ${i.source} | \`${i.path}\` | ${fmt(i.rows)} | ${fmt(i.bytes)} | \`${i.sha256}\` |`);
  L.push('', 'Outputs:', '', '| file | rows | bytes | sha256 |', '| --- | ---: | ---: | --- |');
  for (const x of [...m.outputs.corpus, ...m.outputs.rejected]) L.push(`| \`${x.path}\` | ${fmt(x.rows)} | ${fmt(x.bytes)} | \`${x.sha256}\` |`);
  L.push('');

  L.push('## Licenses', '');
  L.push('Each problem keeps the license of its source dataset:', '', '| source | license |', '| --- | --- |');
  for (const src of sources) L.push(`| ${src} | ${license(src)} |`);
  L.push('');
  return L.join('\n');
}

// ---- features ----------------------------------------------------------------------------------

type Yaml = string | number | boolean | null | Yaml[] | { [k: string]: Yaml };

const SCALAR: Record<string, string> = { VARCHAR: 'string', INTEGER: 'int32', BIGINT: 'int64', BOOLEAN: 'bool', DOUBLE: 'float64', FLOAT: 'float32' };

/** A Hugging Face `features` entry for a DuckDB column type. */
export function hfFeature(name: string, type: string): { [k: string]: Yaml } {
  const t = type.trim();
  if (t.endsWith('[]')) {
    const inner = t.slice(0, -2);
    if (/^STRUCT\(/i.test(inner)) return { name, list: structFields(inner).map(([n, ft]) => hfFeature(n, ft)) };
    return { name, sequence: scalar(inner) };
  }
  return { name, dtype: scalar(t) };
}

function scalar(t: string): string {
  const s = SCALAR[t.toUpperCase()];
  if (!s) throw new Error(`dataset card: no Hugging Face dtype for DuckDB type ${t}`);
  return s;
}

function structFields(t: string): [string, string][] {
  const body = t.slice(t.indexOf('(') + 1, t.lastIndexOf(')'));
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => {
    const m = /^\s*(\w+)\s+(.+?)\s*$/.exec(p)!;
    return [m[1], m[2]];
  });
}

function hfTypeText(t: string): string {
  const f = hfFeature('x', t);
  if ('sequence' in f) return `list of ${f.sequence}`;
  if ('list' in f) return 'list of struct';
  return String(f.dtype);
}


// ---- helpers -----------------------------------------------------------------------------------

/** Minimal YAML: JSON-quoted strings (valid YAML), block mappings and sequences. */
export function yaml(v: Yaml, indent = ''): string {
  if (Array.isArray(v)) {
    if (!v.length) return '[]\n';
    return v
      .map((x) => {
        if (x && typeof x === 'object') {
          const inner = yaml(x, indent + '  ');
          return `${indent}- ${inner.slice(indent.length + 2)}`;
        }
        return `${indent}- ${scalarYaml(x)}\n`;
      })
      .join('');
  }
  if (v && typeof v === 'object') {
    return Object.entries(v)
      .map(([k, x]) => {
        if (Array.isArray(x) && x.length) return `${indent}${k}:\n${yaml(x, indent)}`;
        if (x && typeof x === 'object' && !Array.isArray(x)) return `${indent}${k}:\n${yaml(x, indent + '  ')}`;
        return `${indent}${k}: ${Array.isArray(x) ? '[]' : scalarYaml(x)}\n`;
      })
      .join('');
  }
  return `${scalarYaml(v)}\n`;
}

function scalarYaml(v: Yaml): string {
  if (typeof v === 'string') return /^[A-Za-z_][\w./*-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

function hfLicense(spdx: string): string {
  return spdx.toLowerCase();
}

function linkText(loc: { kind: string; repo: string; revision?: string }): string {
  return loc.kind === 'hf_dataset' ? loc.repo : repoUrl(loc);
}

function repoUrl(loc: { kind: string; repo: string; revision?: string }): string {
  // a URL location is a template: the pinned revision goes where `{revision}` stands
  return loc.kind === 'hf_dataset' ? `https://huggingface.co/datasets/${loc.repo}` : loc.repo.replaceAll('{revision}', loc.revision ?? 'main');
}

/** Hugging Face size category for a number of examples. */
export function sizeCategory(n: number): string {
  const cats: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
    [1e8, '10M<n<100M'],
  ];
  for (const [limit, c] of cats) if (n < limit) return c;
  return '100M<n<1B';
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : '-';
}
function mdCell(s: string): string {
  return s.replaceAll('|', '\\|').replace(/\n/g, ' ');
}
