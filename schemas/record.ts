import { z } from 'zod';

/**
 * The canonical problem record: what every source adapter produces from one upstream row
 * (or, for OpenMathInstruct-2, from all rows of one problem).
 */
export const ProblemRecordSchema = z.object({
  /** Stable hash of `source` + `source_id` (see `recordId`). */
  id: z.string(),
  /** Adapter name, e.g. `math`, `numinamath`. */
  source: z.string(),
  /** Stable id of the row inside its source, derived from the upstream row. */
  source_id: z.string(),
  /** Upstream sub-source (NuminaMath `source`, OpenMathInstruct-2 `problem_source`, HARP contest). */
  subset: z.string().nullable(),
  problem: z.string(),
  solution: z.string().nullable(),
  /** The answer as given upstream (or the `\boxed{}` of the solution where upstream has no answer column). */
  answer: z.string().nullable(),
  /**
   * Where `answer` came from: an upstream answer column, or extracted from the solution's
   * `\boxed{}` (then the answer filters also check the solution for several distinct boxes).
   */
  answer_origin: z.enum(['column', 'solution_boxed']),
  /** Level or difficulty, as a string: `Level 3`, `4`, `7.5`. */
  level: z.string().nullable(),
  /** Subject or domain, e.g. `Algebra`, `Mathematics -> Algebra -> Other`. */
  subject: z.string().nullable(),
  /** Upstream fields not mapped above, as JSON-compatible values. */
  metadata: z.record(z.string(), z.unknown()),
  /** Where the row came from: input file (as given) and 1-based line or row number. */
  input_file: z.string(),
  input_row: z.number().int(),
  /** Upstream rows folded into this record (OpenMathInstruct-2 has many solution rows per problem). */
  folded_rows: z.number().int().nonnegative(),
});
export type ProblemRecord = z.infer<typeof ProblemRecordSchema>;
