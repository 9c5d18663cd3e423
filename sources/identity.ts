import { hash } from 'node:crypto';

/**
 * Stable record id: the first 16 hex digits of sha256(`source` + U+001F + `source_id`).
 * Same input, same id, on every run and machine; reproducible from any language.
 */
export function recordId(source: string, sourceId: string): string {
  return hash('sha256', `${source}\u001f${sourceId}`).slice(0, 16); // one-shot: no Hash object per record
}

/**
 * Fallback source id for upstream rows without an id of their own: the file's path inside the
 * input folder and the 1-based row number (`algebra/train-00000-of-00001.parquet:17`).
 */
export function rowSourceId(loc: { file: string; row: number; relativePath?: string }): string {
  return `${loc.relativePath ?? loc.file.split(/[\\/]/).pop()}:${loc.row}`;
}

/**
 * Source id for an upstream whose rows repeat one problem per solution (OpenMathInstruct-2,
 * folded into one record per problem): the first 16 hex digits of sha256 of the problem text.
 */
export function textSourceId(problem: string): string {
  return hash('sha256', problem).slice(0, 16);
}
