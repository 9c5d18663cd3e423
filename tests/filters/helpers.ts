import type { FilterInput } from '../../filters/filter.ts';
import { ConfigSchema, type Config, type ConfigInput } from '../../schemas/config.ts';

/** A FilterInput with sensible defaults; override what the test is about. */
export function input(over: Partial<FilterInput> = {}): FilterInput {
  return {
    id: 'x', source: 'math', source_id: 'x', subset: null, problem: 'Compute $1+1$.', solution: 'So $1+1=\\boxed{2}$.', answer: '2',
    answer_origin: 'solution_boxed', level: null, subject: null, metadata: {}, input_file: 'f', input_row: 1, folded_rows: 0,
    answer_kind: 'number', answer_canonical: '2', answer_not_closed_reason: null, ...over,
  };
}

export function config(over: ConfigInput = {}): Config {
  return ConfigSchema.parse(over);
}
