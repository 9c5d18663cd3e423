/**
 * Rejection reason codes, in pipeline order: the primary `reason` of a rejected record is the
 * first code of this list among its failing checks. Codes are stable (see conventions.md).
 */
export const REASON_CODES = [
  'malformed_row',
  'source_excluded',
  'non_english',
  'hyperlink',
  'figure_required',
  'missing_answer',
  'multiple_answers',
  'multiple_choice',
  'yes_no',
  'true_false',
  'proof',
  'multi_part',
  'answer_not_closed_form',
  'answer_mismatch',
  'answer_leak',
  'benchmark_contamination',
  'exact_duplicate',
  'near_duplicate',
  'answer_conflict',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** The stage each reason belongs to; the rejected record's `stage` column. */
export const REASON_STAGE: Record<ReasonCode, Stage> = {
  malformed_row: 'read',
  source_excluded: 'source_policy',
  non_english: 'hygiene',
  hyperlink: 'hygiene',
  figure_required: 'hygiene',
  missing_answer: 'hygiene',
  multiple_answers: 'hygiene',
  multiple_choice: 'open_ended',
  yes_no: 'open_ended',
  true_false: 'open_ended',
  proof: 'uniquely_verifiable',
  multi_part: 'uniquely_verifiable',
  answer_not_closed_form: 'closed_form',
  answer_mismatch: 'closed_form',
  answer_leak: 'closed_form',
  benchmark_contamination: 'decontamination',
  exact_duplicate: 'dedup',
  near_duplicate: 'dedup',
  answer_conflict: 'dedup',
};

export const STAGES = [
  'read',
  'source_policy',
  'hygiene',
  'open_ended',
  'uniquely_verifiable',
  'closed_form',
  'decontamination',
  'dedup',
] as const;
export type Stage = (typeof STAGES)[number];

const ORDER = new Map<string, number>(REASON_CODES.map((c, i) => [c, i]));

/** Sorts reason codes into pipeline order (unknown codes last, alphabetically). */
export function sortReasons(codes: Iterable<string>): string[] {
  return [...new Set(codes)].sort((a, b) => (ORDER.get(a) ?? 1e9) - (ORDER.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0));
}
