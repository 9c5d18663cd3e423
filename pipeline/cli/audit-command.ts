import { Option, type Command } from 'commander';
import { UsageError } from '../errors.ts';
import { collect } from './option-values.ts';
import { withOutputs, type RunOutputs } from '../audit/outputs.ts';
import { auditSummary, filterBehaviour, type AuditSummary, type FilterBehaviour } from '../audit/summary.ts';
import { distinctRejected, sampleRejected, type SampledRecord } from '../audit/sample.ts';
import { parseWhatIf, whatIf, type WhatIfResult } from '../audit/what-if.ts';
import { explain, lookupId, lookupText, type Explanation, type Lookup } from '../audit/explain.ts';
import { REASON_CODES, sortReasons } from '../../schemas/reasons.ts';
import { difficulty, difficultyText, rolloutShards } from '../audit/difficulty.ts';
import { csv, fmt, json, oneLine, pct, textTable, wrap, type Format } from '../audit/format.ts';

/**
 * `bigmath audit`, `bigmath explain` and `bigmath report`: read a run's outputs (Parquet shards
 * queried in place with DuckDB, and manifest.json). Exit codes: 0 success; 1 a check failed
 * (outputs disagree with the manifest, record not found or ambiguous, a what-if that needs a
 * rerun); 2 usage or input error.
 */
export function registerAuditCommands(program: Command): void {
  const formatOption = () => new Option('-f, --format <FORMAT>', 'output format').choices(['table', 'json', 'csv']).default('table');

  program
    .command('audit')
    .description('funnel per source and source x reason table of a run; sample rejected problems; what-if without rerunning')
    .argument('<DIR>', 'output folder of bigmath run')
    .addOption(formatOption())
    .option('--any', 'count a record under every check it fails, not only its primary reason')
    .option('-r, --reason <REASON>', 'sample rejected problems with this primary reason')
    .option('-s, --source <SOURCE>', 'restrict the sample to this source')
    .option('-n, --sample <N>', 'print N sampled rejected problems with their evidence', (v) => intArg(v, '--sample', 1))
    .option('--seed <K>', 'sampling seed (default 0)', (v) => intArg(v, '--seed', 0))
    .option('-w, --what-if <SPEC>', 'disable=F1,F2 | enable=F | near_dup_threshold=T | dedup=off | decontamination=off | CONFIG.json (repeatable)', collect, [])
    .action(async (dir: string, opts) => {
      const format = opts.format as Format;
      await withOutputs(dir, async (o) => {
        if ((opts.whatIf as string[]).length) {
          if (opts.reason || opts.source || opts.sample) throw new UsageError('--what-if cannot be combined with --reason/--source/--sample');
          return runWhatIf(o, opts.whatIf, format);
        }
        if (opts.reason !== undefined || opts.source !== undefined || opts.sample !== undefined) {
          return runSample(o, { reason: opts.reason, source: opts.source, n: opts.sample ?? 10, seed: opts.seed ?? 0 }, format);
        }
        const s = await auditSummary(o);
        const filters = await filterBehaviour(o);
        // With rollouts beside the run: the difficulty per source and the disputed gold answers.
        const rolls = rolloutShards(dir);
        const diff = rolls.length ? await difficulty(o, rolls) : undefined;
        process.stdout.write(
          format === 'json' ? json({ ...s, filters, ...(diff ? { difficulty: diff } : {}) }) : format === 'csv' ? summaryCsv(s, filters) : summaryText(s, filters, !!opts.any) + (diff ? difficultyText(diff) : ''),
        );
        if (s.mismatches.length) {
          process.stderr.write(`bigmath audit: the Parquet outputs disagree with ${dir}/manifest.json:\n${s.mismatches.map((m) => `  ${m}`).join('\n')}\n`);
          process.exitCode = 1;
        }
      });
    });

  program
    .command('explain')
    .description('every signal of every filter for one record, its parsed answer, and its duplicate cluster')
    .argument('<DIR>', 'output folder of bigmath run')
    .argument('[ID]', 'record id (or a unique prefix of 6+ characters, a source_id, or SOURCE:SOURCE_ID)')
    .option('-t, --text <TEXT>', 'look the record up by its problem text instead of an id')
    .addOption(new Option('-f, --format <FORMAT>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (dir: string, id: string | undefined, opts) => {
      if ((id === undefined) === (opts.text === undefined)) throw new UsageError('explain needs either an ID or --text "problem text" (not both)');
      await withOutputs(dir, async (o) => {
        const found: Lookup = id !== undefined ? await lookupId(o, id) : await lookupText(o, opts.text);
        if (found.kind === 'none') {
          process.stderr.write(`bigmath explain: no record ${id !== undefined ? `with id ${JSON.stringify(id)}` : `whose problem matches ${JSON.stringify(oneLine(opts.text, 60))}`} in ${dir}\n`);
          process.exitCode = 1;
          return;
        }
        if (found.kind === 'ambiguous') {
          process.stderr.write(`bigmath explain: ${found.candidates.length}${found.candidates.length === 20 ? '+' : ''} records match; pass one id:\n`);
          for (const c of found.candidates) process.stderr.write(`  ${c.id}  ${c.source.padEnd(18)} ${oneLine(c.problem, 80)}\n`);
          process.exitCode = 1;
          return;
        }
        const e = await explain(o, found.id);
        process.stdout.write(opts.format === 'json' ? json(e) : explainText(e));
      });
    });

  program
    .command('report')
    .description('write DIR/report.html (self-contained, opens offline) and the dataset card DIR/README.md')
    .argument('<DIR>', 'output folder of bigmath run')
    .option('--no-card', 'do not (re)write the dataset card README.md')
    .action(async (dir: string, opts) => {
      const { writeReport, writeReportAndCard } = await import('../report/index.ts');
      if (opts.card === false) process.stdout.write(`wrote ${await writeReport(dir)}\n`);
      else {
        const written = await writeReportAndCard(dir);
        process.stdout.write(`wrote ${written.report}\nwrote ${written.card}\n`);
      }
    });
}

function intArg(v: string, flag: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} expects an integer >= ${min}, got "${v}"`);
  return n;
}

// ---- summary ------------------------------------------------------------------------------------

function summaryText(s: AuditSummary, filters: FilterBehaviour[], any: boolean): string {
  const cols = [...s.funnel, s.total];
  const cell = (remaining: number, removed: number) => (removed ? `${fmt(remaining)} (-${fmt(removed)})` : fmt(remaining));
  const rows: (string[] | null)[] = [
    ['rows read', ...cols.map((f) => fmt(f.read))],
    ['folded (same problem)', ...cols.map((f) => (f.folded ? `-${fmt(f.folded)}` : '-'))],
    ['records', ...cols.map((f) => fmt(f.records))],
    null,
    ...s.total.stages.map((st, i) => [`after ${st.stage}`, ...cols.map((f) => cell(f.stages[i].remaining, f.stages[i].removed))]),
    null,
    ['kept', ...cols.map((f) => fmt(f.kept))],
    ['kept % of records', ...cols.map((f) => pct(f.kept, f.records))],
  ];
  let out = `Funnel per source (records left after each stage; in parentheses: rejected at that stage)\n\n`;
  out += textTable(['stage', ...s.sources, 'total'], rows);

  const value = (source: string | null, reason: string) =>
    s.cells.filter((c) => (source === null || c.source === source) && c.reason === reason).reduce((a, c) => a + (any ? c.any : c.primary), 0);
  const reasonRows = s.reasons.map((r) => [r, stageFor(s, r), ...s.sources.map((src) => dash(value(src, r))), dash(value(null, r))]);
  const rejectedPer = (src: string | null) => cols.filter((f) => src === null || f.source === src).reduce((a, f) => (src === null && f.source === 'total' ? a : a + f.records - f.kept), 0);
  out += `\n${any ? 'Rejected records failing each check (a record counts under every reason it fails)' : 'Rejected records by primary reason (first failing check in pipeline order)'}\n\n`;
  out += textTable(['reason', 'stage', ...s.sources, 'total'], [...reasonRows, null, ['rejected', '', ...s.sources.map((src) => fmt(rejectedPer(src))), fmt(s.total.records - s.total.kept)]], [0, 1]);
  out += `\nHow each filter behaves (fired: records it fired on; first: rejected with it as primary reason; alone: it is the only reason, so disabling it alone would keep them, dedup aside)\n\n`;
  out += textTable(
    ['filter', 'fired', 'first', 'alone', 'note'],
    filters.map((f) => [f.filter, fmt(f.fired), fmt(f.primary), fmt(f.sole), f.disabled ? 'disabled in this run' : f.reasons.length > 1 || (f.reasons[0] && f.reasons[0] !== f.filter) ? f.reasons.join(', ') : '']),
    [0, 4],
  );
  if (!any) out += `\n(--any counts every failing check; --reason R --sample N shows examples with their evidence; --what-if disable=F estimates a change)\n`;
  return out;
}

function stageFor(s: AuditSummary, reason: string): string {
  return s.cells.find((c) => c.reason === reason)?.stage ?? '';
}

function dash(n: number): string {
  return n ? fmt(n) : '-';
}

function summaryCsv(s: AuditSummary, filters: FilterBehaviour[]): string {
  const rows: unknown[][] = [];
  for (const f of [...s.funnel, s.total]) {
    rows.push(['funnel', f.source, 'read', '', f.read]);
    rows.push(['funnel', f.source, 'folded', '', f.folded]);
    rows.push(['funnel', f.source, 'records', '', f.records]);
    for (const st of f.stages) rows.push(['funnel_removed', f.source, st.stage, '', st.removed], ['funnel_remaining', f.source, st.stage, '', st.remaining]);
    rows.push(['funnel', f.source, 'kept', '', f.kept]);
  }
  for (const c of s.cells) rows.push(['rejected_primary', c.source, c.stage, c.reason, c.primary], ['rejected_any', c.source, c.stage, c.reason, c.any]);
  for (const f of filters) rows.push(['filter_fired', 'total', f.filter, f.reasons, f.fired], ['filter_primary', 'total', f.filter, f.reasons, f.primary], ['filter_alone', 'total', f.filter, f.reasons, f.sole]);
  return csv(['table', 'source', 'stage', 'reason', 'count'], rows);
}

// ---- sample -------------------------------------------------------------------------------------

async function runSample(o: RunOutputs, opts: { reason?: string; source?: string; n: number; seed: number }, format: Format): Promise<void> {
  if (opts.reason !== undefined) {
    const present = sortReasons(await distinctRejected(o, 'reason'));
    if (!present.includes(opts.reason) && !(REASON_CODES as readonly string[]).includes(opts.reason)) {
      throw new UsageError(`unknown reason "${opts.reason}"; reasons present in ${o.dir}: ${present.join(', ') || 'none'}`);
    }
  }
  if (opts.source !== undefined) {
    const known = Object.keys(o.manifest.counts);
    if (!known.includes(opts.source)) throw new UsageError(`source "${opts.source}" is not in ${o.dir}; sources: ${known.join(', ')}`);
  }
  const rows = await sampleRejected(o, opts);
  if (format === 'json') return void process.stdout.write(json(rows));
  if (format === 'csv') {
    return void process.stdout.write(
      csv(
        ['id', 'source', 'subset', 'source_id', 'reason', 'reasons', 'stage', 'evidence', 'fired', 'answer', 'problem'],
        rows.map((r) => [r.id, r.source, r.subset, r.source_id, r.reason, r.reasons, r.stage, r.evidence, r.fired.map((s) => s.filter), r.answer, r.problem]),
      ),
    );
  }
  const what = [opts.reason && `reason ${opts.reason}`, opts.source && `source ${opts.source}`].filter(Boolean).join(', ') || 'all rejected';
  let out = `${rows.length} sampled rejected problem${rows.length === 1 ? '' : 's'} (${what}; seed ${opts.seed})\n`;
  rows.forEach((r, i) => (out += sampleText(r, i, rows.length)));
  process.stdout.write(out);
}

function sampleText(r: SampledRecord, i: number, n: number): string {
  const lines = [
    '',
    `[${i + 1}/${n}] ${r.id}  ${r.source}${r.subset ? ` (${r.subset})` : ''}  ${r.source_id}  ${r.input_file}:${r.input_row}`,
    `  reason:   ${r.reason} (stage ${r.stage})${r.reasons.length > 1 ? `; all failing checks: ${r.reasons.join(', ')}` : ''}`,
    `  evidence: ${oneLine(r.evidence, 200)}`,
  ];
  for (const s of r.fired.filter((s) => s.reason !== r.reason)) lines.push(`  also:     ${s.filter}: ${oneLine(s.evidence, 160)}`);
  if (r.duplicate_of) lines.push(`  duplicate of: ${r.duplicate_of}`);
  lines.push(`  answer:   ${r.answer === null ? '(none)' : oneLine(r.answer, 200)}${r.answer_kind ? ` [${r.answer_kind}]` : ''}`);
  lines.push('  problem:', wrap(r.problem.length > 1200 ? `${r.problem.slice(0, 1200)}…` : r.problem));
  return lines.join('\n') + '\n';
}

// ---- what-if ------------------------------------------------------------------------------------

async function runWhatIf(o: RunOutputs, specs: string[], format: Format): Promise<void> {
  const sc = parseWhatIf(specs, o);
  const evaluable = sc.disable.length + sc.enable.length > 0 || sc.nearDupThreshold !== null;
  const r: WhatIfResult | null = evaluable ? await whatIf(o, sc) : null;
  if (!evaluable && sc.needsRerun.length) process.exitCode = 1;
  if (format === 'json') return void process.stdout.write(json(r ?? { scenario: sc, needs_rerun: sc.needsRerun }));
  if (format === 'csv') {
    if (!r) return void process.stdout.write(csv(['needs_rerun'], sc.needsRerun.map((x) => [x])));
    return void process.stdout.write(
      csv(
        ['source', 'kept', 'newly_kept', 'newly_rejected', 'newly_kept_in_dup_cluster', 'kept_after'],
        [...r.rows, r.total].map((x) => [x.source, x.kept, x.newly_kept, x.newly_rejected, x.newly_kept_in_dup_cluster, x.kept_after]),
      ),
    );
  }
  let out = '';
  if (r) {
    const changes = [
      sc.disable.length && `disable ${sc.disable.join(', ')}`,
      sc.enable.length && `enable ${sc.enable.join(', ')}`,
      sc.nearDupThreshold !== null && `near_dup_threshold ${r.run_near_dup_threshold} -> ${sc.nearDupThreshold}`,
    ].filter(Boolean);
    out += `What if: ${changes.join('; ')}  (run disabled: ${r.run_disabled.join(', ') || 'nothing'}; computed from the stored signals, no rerun)\n\n`;
    const rows = [...r.rows, null, r.total].map((x) =>
      x ? [x.source, fmt(x.kept), `+${fmt(x.newly_kept)}`, x.newly_rejected ? `-${fmt(x.newly_rejected)}` : '0', fmt(x.kept_after), x.kept ? `${x.kept_after >= x.kept ? '+' : ''}${pct(x.kept_after - x.kept, x.kept)}` : '-', fmt(x.newly_kept_in_dup_cluster)] : null,
    );
    out += textTable(['source', 'kept now', 'newly kept', 'newly rejected', 'kept after', 'change', 'of newly kept: in a dup cluster'], rows);
    if (r.newly_kept_by_reason.length) {
      out += `\nNewly kept records by the primary reason they were rejected for:\n`;
      const bySource = new Map<string, string[]>();
      for (const x of r.newly_kept_by_reason) (bySource.get(x.source) ?? bySource.set(x.source, []).get(x.source)!).push(`${x.reason} ${fmt(x.n)}`);
      for (const [src, parts] of bySource) out += `  ${src.padEnd(18)} ${parts.join(', ')}\n`;
    }
    if (r.caveats.length) out += `\nCaveats:\n${r.caveats.map(bullet).join('\n')}\n`;
  }
  if (sc.needsRerun.length) out += `${out ? '\n' : ''}Needs a rerun (cannot be computed from the stored outputs):\n${sc.needsRerun.map(bullet).join('\n')}\n`;
  if (!out) out = 'The what-if changes nothing: every setting given equals the run\'s.\n';
  process.stdout.write(out);
}

function bullet(s: string): string {
  return wrap(s, 96, '    ').replace(/^    /, '  - ');
}

// ---- explain ------------------------------------------------------------------------------------

function explainText(e: Explanation): string {
  const r = e.record;
  const L: string[] = [];
  L.push(`record ${r.id}: ${r.kept ? 'KEPT (in corpus/)' : `REJECTED: ${r.reason} (stage ${r.stage})`}`);
  if (!r.kept && r.reasons && r.reasons.length > 1) L.push(`  all failing checks: ${r.reasons.join(', ')}`);
  L.push(`  source:    ${r.source}${r.subset ? ` / ${r.subset}` : ''}   source_id: ${r.source_id}`);
  L.push(`  input:     ${r.input_file}:${r.input_row}${r.folded_rows ? `   (+${r.folded_rows} folded rows of the same problem)` : ''}`);
  if (r.level || r.subject) L.push(`  level:     ${r.level ?? '-'}   subject: ${r.subject ?? '-'}`);
  L.push('', 'problem:', wrap(r.problem, 96, '  '));
  if (r.problem_original) L.push(`  (cleaned: ${r.cleaning.join(', ') || 'yes'}; the original text is in problem_original)`);
  L.push('', 'answer:');
  L.push(`  as given:  ${r.answer === null ? '(none)' : oneLine(r.answer, 200)}   (from ${r.answer_origin ?? '-'})`);
  L.push(`  checker:   ${r.answer_kind ? `kind ${r.answer_kind}, canonical ${r.answer_canonical}` : 'not a closed form (or no answer)'}`);
  L.push('', 'signals (every filter, in pipeline order):');
  L.push(
    textTable(
      ['filter', 'reason', 'fired', 'evidence'],
      r.signals.map((s) => [s.filter, s.reason === s.filter ? '' : s.reason, s.fired ? (e.disabled.includes(s.filter) ? 'yes (disabled)' : 'YES') : 'no', oneLine(s.evidence, 90)]),
      [0, 1, 2, 3],
    )
      .trimEnd()
      .replace(/^/gm, '  '),
  );
  L.push('', 'decontamination:', `  ${r.contamination ? `overlaps benchmark ${r.contamination}` : 'no overlap with the benchmark test sets'}`);
  if (e.contamination.match) L.push(`  match: ${e.contamination.match}`);
  L.push(`  (${e.contamination.boilerplate_ngrams} boilerplate n-grams of the inputs not counted; list in the manifest's config)`);
  L.push('', 'dedup:');
  if (!r.dup_cluster) L.push('  no duplicate: alone in its cluster');
  else {
    L.push(`  cluster ${r.dup_cluster} (${r.dup_cluster_size} records)`);
    if (e.duplicate_of) L.push(`  removed for: ${e.duplicate_of.id} (${e.duplicate_of.source}, ${e.duplicate_of.kept ? 'kept' : `rejected: ${e.duplicate_of.reason}`}): ${oneLine(e.duplicate_of.problem, 70)}`);
    if (e.kept_over.length) {
      L.push(`  kept over ${e.kept_over.length} record${e.kept_over.length === 1 ? '' : 's'}:`);
      for (const m of e.kept_over) L.push(`    ${m.id} (${m.source}) ${m.reason}: ${oneLine(m.dedup_evidence, 80)}`);
    }
    if (!e.duplicate_of && !e.kept_over.length) {
      L.push(
        r.kept
          ? '  kept; no other member was removed for it'
          : r.reason === 'answer_conflict'
            ? '  the copies disagree on the answer and none could be kept (conflict_policy); see the dedup signal'
            : '  not a dedup candidate (rejected by its own filters); dedup kept another copy or none',
      );
    }
    L.push('  members:');
    for (const m of e.cluster) {
      const status = m.kept ? 'kept' : `rejected: ${m.reason}`;
      L.push(`    ${m.id === r.id ? '*' : ' '} ${m.id}  ${m.source.padEnd(18)} ${status.padEnd(32)} ${oneLine(m.problem, 60)}`);
    }
  }
  return L.join('\n') + '\n';
}
