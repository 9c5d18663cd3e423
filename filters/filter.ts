import type { ProblemRecord } from '../schemas/record.ts';
import type { Signal } from '../schemas/signal.ts';
import type { ReasonCode } from '../schemas/reasons.ts';
import type { Config } from '../schemas/config.ts';

/** What a filter sees: the record after cleaning, plus the checker's reading of its answer. */
export interface FilterInput extends ProblemRecord {
  answer_kind: string | null;
  answer_canonical: string | null;
  /** Why the checker did not accept the answer as closed-form, when it did not. */
  answer_not_closed_reason: string | null;
  /**
   * Names of the cleaning transformations applied to `problem` (see `cleanRecord`), when the
   * caller passes them (`pipeline/process/process-record.ts`). `figure_required` needs to know that an
   * `[asy]` figure was removed; without it only an `[asy]` still in `problem` counts.
   */
  cleaning?: readonly string[];
  /** The problem before cleaning, when the caller passes it. */
  problem_original?: string | null;
}

/**
 * A per-record filter: a pure function of one record and the run configuration.
 * It always returns a signal (fired or not) so that every record carries every filter's verdict.
 */
export interface Filter {
  /** Unique name; also the key used to disable it in configuration. */
  readonly name: string;
  /** Reason code used when the filter fires. */
  readonly reason: ReasonCode;
  apply(record: FilterInput, config: Config): Signal;
}

export function signal(filter: Filter, fired: boolean, evidence = ''): Signal {
  return { filter: filter.name, reason: filter.reason, fired, evidence: evidence.slice(0, 300) };
}
