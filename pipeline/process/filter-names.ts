import { closest } from 'fastest-levenshtein';
import { FILTERS } from '../../filters/index.ts';
import { REASON_CODES } from '../../schemas/reasons.ts';
import { UsageError } from '../errors.ts';

/** Filters that are stages of the run rather than per-record filters (see the signals they write). */
const STAGE_FILTERS = ['decontamination', 'dedup'];

/** Every name `filters.disable`, `--disable` and `audit --what-if disable=` accept: a filter or a reason code. */
export const DISABLE_NAMES: readonly string[] = [...new Set([...FILTERS.map((f) => f.name), ...STAGE_FILTERS, ...REASON_CODES])];

/**
 * A misspelt name would silently disable nothing: reject it, naming the nearest valid name.
 * `where` says which option or file it came from.
 */
export function checkFilterNames(names: readonly string[], where: string): void {
  for (const name of names) {
    if (DISABLE_NAMES.includes(name)) continue;
    throw new UsageError(
      `${where}: unknown filter "${name}"; did you mean "${closest(name, DISABLE_NAMES as string[])}"? (filters: ${[...FILTERS.map((f) => f.name), ...STAGE_FILTERS].join(', ')}; any reason code is accepted too)`,
    );
  }
}
