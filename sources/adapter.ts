import type { ProblemRecord } from '../schemas/record.ts';

/** Where one upstream row came from: the input file (as given) and its 1-based row number. */
export interface RowLocation {
  file: string;
  row: number;
  /** For one-JSON-file-per-problem layouts (MATH.tar): the path relative to the input folder. */
  relativePath?: string;
}

/** Fields an adapter fills; identity, location and folding are added by `toRecord`. */
export type AdaptedRow = Omit<ProblemRecord, 'id' | 'source' | 'input_file' | 'input_row' | 'folded_rows'>;

/** An adapter either maps a row or says, in one line, what is wrong with it (`malformed_row`). */
export type AdaptResult = { ok: true; row: AdaptedRow } | { ok: false; error: string };

/** Official location of a source, used by `bigmath fetch`. */
export interface SourceLocation {
  kind: 'hf_dataset' | 'url';
  /** Hugging Face dataset repo id (`AI-MO/NuminaMath-CoT`) or download URL. */
  repo: string;
  /** Pinned revision (commit sha or branch) for Hub datasets. */
  revision?: string;
  /** Glob-like patterns of the files to fetch, relative to the repo root. */
  files?: string[];
  /** Human note, e.g. where the dataset moved after a takedown. */
  note?: string;
}

/**
 * One adapter per source: maps the raw rows of the official distribution to canonical records.
 * Reading files (JSONL, Parquet, one JSON per problem) is shared; an adapter only maps rows.
 */
export interface SourceAdapter {
  /** Source name, used in `--input NAME=PATH`, ids and reports. */
  readonly name: string;
  readonly title: string;
  readonly license: string;
  /** The upstream files this adapter reads, for `bigmath sources`. */
  readonly expectedFiles: string;
  /** Upstream columns that must be present in every row. */
  readonly requiredColumns: readonly string[];
  /**
   * Columns the adapter only checks to be lists, then drops (NuminaMath's `messages`, which
   * repeats problem and solution). A Parquet file whose schema declares such a column a list
   * cannot fail that check, so the reader does not decode it (it was 90% of NuminaMath's decode).
   */
  readonly droppedListColumns?: readonly string[];
  /**
   * Columns read only as optional text into fields that neither the id, the fold key, the subset
   * nor the problem depend on (OpenMathInstruct-2's `generated_solution`). A Parquet column of
   * strings cannot make such a row malformed, so the first pass over the inputs (ids, folds,
   * boilerplate) does not decode it.
   */
  readonly optionalTextColumns?: readonly string[];
  readonly location: SourceLocation;
  /**
   * The scale of the source's `level`, where it has one: the output's numeric `difficulty` is the
   * number in `level` on this scale (sources differ: MATH 1-5, HARP 1-6, Omni-MATH 1-10).
   */
  readonly difficulty?: { readonly min: number; readonly max: number; readonly meaning: string };
  /** Maps one upstream row (a plain object) to the adapter's fields, never throwing. */
  adapt(row: Record<string, unknown>, loc: RowLocation): AdaptResult;
  /**
   * Rows with the same fold key are one problem (OpenMathInstruct-2: many solutions per problem);
   * the first row is kept and the others are counted in `folded_rows`.
   */
  foldKey?(row: AdaptedRow): string;
}
