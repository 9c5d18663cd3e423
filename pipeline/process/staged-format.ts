import { difficultyOf } from '../../sources/difficulty.ts';
import { getAdapter } from '../../sources/registry.ts';
import type { ProcessedRecord } from '../../schemas/processed.ts';
import { contaminationEvidence } from '../decontam/decontaminate.ts';
import type { MalformedRow } from './to-record.ts';

/**
 * Staging lines are produced on the worker threads, already in their final JSON form, so the
 * main thread never re-serialises a record: the write stage only splices in the fields the
 * global stages decide (dedup columns, the dedup signal, folded rows, the verdict).
 *
 * A record line is `HEAD \t BODY`:
 * - HEAD: JSON `[[filter, reason, evidence], ...]` of the signals that fired (small; the only
 *   part the write stage parses);
 * - BODY: the output row as JSON without the global fields, with `signals` as its last key,
 *   so the dedup signal can be appended to that array by string splicing.
 * A malformed row is `M \t ROW`, ROW being its complete rejection row.
 * JSON never contains a raw tab, so the first tab always separates HEAD from BODY.
 */
export type FiredSignal = [filter: string, reason: string, evidence: string];

/**
 * The small per-record facts the global stages need, one JSON line each in the facts file (the
 * text-derived dedup facts are in the binary file beside it, see dedup/facts-file.ts).
 */
export interface RecordFacts {
  id: string;
  source: string;
  subset: string | null;
  answer: string | null;
  answer_canonical: string | null;
  /** Names and reason codes of the per-record signals that fired (filters, decontamination). */
  fired: string[];
  contaminated: boolean;
  /** Key under which later rows fold into this record (sources with `foldKey`), else null. */
  fold_key: string | null;
}

export function encodeRecord(r: ProcessedRecord, foldKey: string | null): { staged: string; facts: string } {
  const c = r.contamination;
  const signals = [...r.signals, { filter: 'decontamination', reason: 'benchmark_contamination', fired: c !== null, evidence: c ? contaminationEvidence(c).slice(0, 300) : '' }];
  const head: FiredSignal[] = signals.filter((s) => s.fired).map((s) => [s.filter, s.reason, s.evidence]);
  const body = {
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
    difficulty: difficultyOf(getAdapter(r.source), r.level),
    subject: r.subject,
    metadata: JSON.stringify(r.metadata),
    contamination: c ? `${c.benchmark}:${c.item}` : null,
    input_file: r.input_file,
    input_row: r.input_row,
    signals,
  };
  const facts: RecordFacts = {
    id: r.id,
    source: r.source,
    subset: r.subset,
    answer: r.answer,
    answer_canonical: r.answer_canonical,
    fired: head.flatMap(([f, reason]) => [f, reason]),
    contaminated: c !== null,
    fold_key: foldKey,
  };
  return { staged: `${JSON.stringify(head)}\t${JSON.stringify(body)}`, facts: JSON.stringify(facts) };
}

export function encodeMalformed(m: MalformedRow): string {
  const row = {
    id: m.id,
    source: m.source,
    source_id: m.source_id,
    subset: null,
    problem: m.excerpt,
    cleaning: [],
    metadata: '{}',
    signals: [{ filter: 'read', reason: 'malformed_row', fired: true, evidence: m.error }],
    dup_cluster_size: 1,
    folded_rows: 0,
    input_file: m.input_file,
    input_row: m.input_row,
    reason: 'malformed_row',
    reasons: ['malformed_row'],
    stage: 'read',
    evidence: m.error.slice(0, 300),
  };
  return `M\t${JSON.stringify(row)}`;
}

export type DecodedLine =
  | { kind: 'malformed'; row: string; source: string }
  | { kind: 'record'; fired: FiredSignal[]; body: string };

export function decodeLine(line: string): DecodedLine {
  const tab = line.indexOf('\t');
  if (tab < 0) throw new Error('staging line without a tab separator');
  const head = line.slice(0, tab);
  const body = line.slice(tab + 1);
  if (head === 'M') return { kind: 'malformed', row: body, source: (JSON.parse(body) as { source: string }).source };
  return { kind: 'record', fired: JSON.parse(head) as FiredSignal[], body };
}

/**
 * Completes a record body with the global fields. `extra` is serialised and merged in; the
 * dedup signal is appended to the `signals` array (the body's last key).
 */
export function completeBody(body: string, dedupSignal: object, extra: Record<string, unknown>): string {
  if (!body.endsWith(']}')) throw new Error('staged record body does not end with its signals array');
  const more = JSON.stringify(extra);
  return `${body.slice(0, -2)},${JSON.stringify(dedupSignal)}]${more === '{}' ? '' : `,${more.slice(1, -1)}`}}`;
}
