/**
 * Parquet schemas of the outputs, as DuckDB column types. One definition serves the writer,
 * `bigmath verify` and the dataset card, so they cannot drift apart.
 */
export const SIGNAL_TYPE = 'STRUCT(filter VARCHAR, reason VARCHAR, fired BOOLEAN, evidence VARCHAR)[]';

export const CORPUS_COLUMNS: ReadonlyArray<readonly [name: string, type: string, description: string]> = [
  ['id', 'VARCHAR', 'stable hash of source and source_id'],
  ['source', 'VARCHAR', 'adapter name (math, numinamath, harp, omni_math, openmathinstruct2)'],
  ['source_id', 'VARCHAR', 'id of the row inside its source'],
  ['subset', 'VARCHAR', 'upstream sub-source (NuminaMath source, HARP contest, ...)'],
  ['problem', 'VARCHAR', 'problem text after source-specific cleaning'],
  ['problem_original', 'VARCHAR', 'problem text before cleaning, null when cleaning changed nothing'],
  ['cleaning', 'VARCHAR[]', 'cleaning transformations applied'],
  ['solution', 'VARCHAR', 'upstream solution (first one where there are several)'],
  ['answer', 'VARCHAR', 'answer as given upstream, or the last \\boxed{} of the solution'],
  ['answer_origin', 'VARCHAR', 'column or solution_boxed'],
  ['answer_kind', 'VARCHAR', 'checker kind: number, expression, equation, inequality, interval, set, tuple, matrix'],
  ['answer_canonical', 'VARCHAR', 'checker canonical form of the answer'],
  ['level', 'VARCHAR', 'upstream level or difficulty, as upstream writes it'],
  ['difficulty', 'DOUBLE', "the number in level on its source's scale: MATH 1-5, HARP 1-6, Omni-MATH 1-10 (null where the source has none)"],
  ['subject', 'VARCHAR', 'upstream subject or domain'],
  ['metadata', 'VARCHAR', 'other upstream fields, as a JSON object'],
  ['signals', SIGNAL_TYPE, 'every filter verdict: filter, reason code, fired, evidence'],
  ['dup_cluster', 'VARCHAR', 'duplicate cluster id, null for a problem with no duplicate'],
  ['dup_cluster_size', 'INTEGER', 'members of the duplicate cluster (1 when alone)'],
  ['duplicate_of', 'VARCHAR', 'id of the kept record this one duplicates'],
  ['contamination', 'VARCHAR', 'benchmark overlap evidence, null when clean'],
  ['folded_rows', 'INTEGER', 'further upstream rows of the same problem folded into this record'],
  ['input_file', 'VARCHAR', 'input file the row came from'],
  ['input_row', 'BIGINT', '1-based row or line number in that file'],
];

export const REJECTED_EXTRA: ReadonlyArray<readonly [string, string, string]> = [
  ['reason', 'VARCHAR', 'primary rejection reason code (first failing stage)'],
  ['reasons', 'VARCHAR[]', 'every failing check, in pipeline order'],
  ['stage', 'VARCHAR', 'stage of the primary reason'],
  ['evidence', 'VARCHAR', 'what matched, short and human-readable'],
];

export const REJECTED_COLUMNS = [...CORPUS_COLUMNS, ...REJECTED_EXTRA];

export function duckColumnSpec(cols: ReadonlyArray<readonly [string, string, string]>): string {
  return `{${cols.map(([n, t]) => `${n}: '${t}'`).join(', ')}}`;
}
