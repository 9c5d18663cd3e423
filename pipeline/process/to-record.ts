import { basename } from 'node:path';
import type { SourceAdapter } from '../../sources/adapter.ts';
import { recordId, rowSourceId } from '../../sources/identity.ts';
import type { ProblemRecord } from '../../schemas/record.ts';
import type { RawRow } from '../read/raw-row.ts';

/** A row that could not become a record: it is logged as `malformed_row`, never dropped. */
export interface MalformedRow {
  id: string;
  source: string;
  source_id: string;
  input_file: string;
  input_row: number;
  error: string;
  /** The start of the raw row, to help whoever audits it. */
  excerpt: string;
}

export type RowResult = { ok: true; record: ProblemRecord } | { ok: false; malformed: MalformedRow };

/** Applies the adapter to one raw row, turning every failure into a `malformed_row` entry. */
export function toRecord(adapter: SourceAdapter, raw: RawRow): RowResult {
  const fallbackId = rowSourceId(raw);
  // the path inside the --input root, never where the inputs happen to lie on this machine
  const file = raw.relativePath ?? basename(raw.file);
  const malformed = (error: string, excerpt: string): RowResult => ({
    ok: false,
    malformed: {
      id: recordId(adapter.name, `malformed:${file}:${raw.row}`),
      source: adapter.name,
      source_id: fallbackId,
      input_file: file,
      input_row: raw.row,
      error: `${file} line ${raw.row}: ${error}`,
      excerpt,
    },
  });
  if ('error' in raw) return malformed(raw.error, '');
  let result;
  try {
    result = adapter.adapt(raw.value, { file: raw.file, row: raw.row, relativePath: raw.relativePath });
  } catch (e) {
    // an adapter must not throw, but one bug must not lose the run either
    result = { ok: false as const, error: `adapter error: ${(e as Error).message}` };
  }
  if (!result.ok) return malformed(result.error, safeExcerpt(raw.value));
  return {
    ok: true,
    record: {
      ...result.row,
      id: recordId(adapter.name, result.row.source_id),
      source: adapter.name,
      input_file: file,
      input_row: raw.row,
      folded_rows: 0,
    },
  };
}

function safeExcerpt(v: unknown): string {
  try {
    return JSON.stringify(v).slice(0, 300);
  } catch {
    return '';
  }
}
