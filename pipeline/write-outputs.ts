import { join } from 'node:path';
import type { Config } from '../schemas/config.ts';
import type { Manifest } from '../schemas/manifest.ts';
import type { ProcessedRecord } from '../schemas/processed.ts';
import type { Signal } from '../schemas/signal.ts';
import type { Accounting } from './accounting.ts';
import type { GlobalDecisions } from './global-stages.ts';
import type { Progress } from './progress.ts';
import { readStaged } from './staging.ts';
import type { MalformedRow } from './to-record.ts';
import { verdictOf } from './verdict.ts';
import { contaminationEvidence } from './decontam/decontaminate.ts';
import { CORPUS_COLUMNS, REJECTED_COLUMNS } from './writers/columns.ts';
import { ParquetShardWriter } from './writers/parquet-shards.ts';

/**
 * Streams the staging files a last time, joins each record with the global decisions, and
 * writes kept records to `corpus/` and everything else to `rejected/`, in input order.
 */
export async function writeOutputs(
  staged: readonly string[],
  decisions: GlobalDecisions,
  folded: ReadonlyMap<string, number>,
  config: Config,
  accounting: Accounting,
  progress: Progress,
): Promise<Manifest['outputs']> {
  const corpus = new ParquetShardWriter(join(config.out, 'corpus'), CORPUS_COLUMNS, config.rows_per_shard);
  const rejected = new ParquetShardWriter(join(config.out, 'rejected'), REJECTED_COLUMNS, config.rows_per_shard);
  const disabled = new Set(config.filters.disable);
  if (config.decontamination.keep_benchmark_problems) disabled.add('decontamination');
  let i = 0;
  let written = 0;
  for await (const line of readStaged(staged)) {
    if ('m' in line) {
      await rejected.write(malformedRow(line.m));
      accounting.rejected(line.m.source, 'malformed_row', ['malformed_row']);
    } else {
      const row = outputRow(line.r, i, decisions, folded);
      const v = verdictOf(row.signals, disabled);
      if (v.kept) {
        await corpus.write(row);
        accounting.kept(row.source, row.subset);
      } else {
        await rejected.write({ ...row, reason: v.reason, reasons: v.reasons, stage: v.stage, evidence: v.evidence });
        accounting.rejected(row.source, v.reason!, v.reasons);
      }
      i++;
    }
    if (++written % 1000 === 0) progress.tick('writing', written);
  }
  const prefix = (dir: string) => (s: { path: string; rows: number; bytes: number; sha256: string }) => ({ ...s, path: `${dir}/${s.path}` });
  return { corpus: (await corpus.close()).map(prefix('corpus')), rejected: (await rejected.close()).map(prefix('rejected')) };
}

function outputRow(r: ProcessedRecord, i: number, d: GlobalDecisions, folded: ReadonlyMap<string, number>) {
  const c = r.contamination;
  const dd = d.dedup?.[i];
  const signals: Signal[] = [
    ...r.signals,
    {
      filter: 'decontamination',
      reason: 'benchmark_contamination',
      fired: c !== null,
      evidence: c ? contaminationEvidence(c).slice(0, 300) : '',
    },
    {
      filter: 'dedup',
      reason: dd?.reason ?? 'exact_duplicate',
      fired: !!dd?.reason,
      evidence: dd?.evidence ?? '',
    },
  ];
  return {
    id: r.id,
    source: r.source,
    source_id: r.source_id,
    subset: r.subset,
    problem: r.problem,
    problem_original: r.problem_original,
    cleaning: r.cleaning,
    solution: r.solution,
    answer: r.answer,
    answer_origin: r.answer_origin,
    answer_kind: r.answer_kind,
    answer_canonical: r.answer_canonical,
    level: r.level,
    subject: r.subject,
    metadata: JSON.stringify(r.metadata),
    signals,
    dup_cluster: dd?.dup_cluster ?? null,
    dup_cluster_size: dd?.dup_cluster_size ?? 1,
    duplicate_of: dd?.duplicate_of ?? null,
    contamination: c ? `${c.benchmark}:${c.item}` : null,
    folded_rows: folded.get(r.id) ?? 0,
    input_file: r.input_file,
    input_row: r.input_row,
  };
}

function malformedRow(m: MalformedRow) {
  return {
    id: m.id,
    source: m.source,
    source_id: m.source_id,
    subset: null,
    problem: m.excerpt,
    problem_original: null,
    cleaning: [],
    solution: null,
    answer: null,
    answer_origin: null,
    answer_kind: null,
    answer_canonical: null,
    level: null,
    subject: null,
    metadata: '{}',
    signals: [{ filter: 'read', reason: 'malformed_row', fired: true, evidence: m.error }],
    dup_cluster: null,
    dup_cluster_size: 1,
    duplicate_of: null,
    contamination: null,
    folded_rows: 0,
    input_file: m.input_file,
    input_row: m.input_row,
    reason: 'malformed_row',
    reasons: ['malformed_row'],
    stage: 'read',
    evidence: m.error.slice(0, 300),
  };
}
