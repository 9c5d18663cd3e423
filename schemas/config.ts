import { z } from 'zod';

/**
 * Run configuration. Every section is strict: an unknown key or a wrong type is an error that
 * names the key's path. Defaults give the documented behaviour of `bigmath run`.
 */

export const InputSchema = z.strictObject({
  /** Registered adapter name. */
  source: z.string(),
  /** A file, a folder, or a glob of `.parquet` / `.jsonl` / `.json` files. */
  path: z.string(),
});

export const FiltersConfigSchema = z.strictObject({
  /** Filter names whose signal is recorded but never rejects. */
  disable: z.array(z.string()).default([]),
  /**
   * `asy_any`: reject every problem carrying Asymptote code (Big-Math's rule for HARP).
   * `needs_figure`: reject only when the text refers to a figure it does not contain.
   */
  figure_policy: z.enum(['asy_any', 'needs_figure']).default('needs_figure'),
});
export type FiltersConfig = z.infer<typeof FiltersConfigSchema>;

export const SourcePolicySchema = z.strictObject({
  /** Subsets dropped per source (`source_excluded`), e.g. NuminaMath's synthetic subsets. */
  exclude_subsets: z.record(z.string(), z.array(z.string())).default({
    numinamath: ['synthetic_math', 'synthetic_amc'],
  }),
});

export const DedupConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Jaccard similarity of shingle sets at or above which two problems are near duplicates. */
  near_dup_threshold: z.number().min(0).max(1).default(0.8),
  /** MinHash signature values (bins of the one-permutation scheme); `bands` x `rows` must not exceed it. */
  num_perm: z.number().int().positive().default(120),
  /**
   * LSH banding. 20 x 6 makes a pair at Jaccard 0.8 a candidate with probability 0.998 (16 x 8:
   * 0.947, below the recall target); pairs at 0.5 with 0.27. Candidates are confirmed exactly.
   */
  bands: z.number().int().positive().default(20),
  rows: z.number().int().positive().default(6),
  /** Word n-gram shingles over tokens (0 = off). */
  word_ngram: z.number().int().nonnegative().default(3),
  /** Character n-gram shingles over the normalised text (0 = off), so short problems are covered. */
  char_ngram: z.number().int().nonnegative().default(5),
  /** Seed of the MinHash permutation parameters (see pipeline/dedup/README.md). */
  seed: z.number().int().default(1),
  /** A high-Jaccard pair whose numbers/operators were replaced on both sides is two problems. */
  template_siblings: z.boolean().default(true),
  /** In an LSH bucket, each record is compared with at most this many earlier bucket members. */
  lsh_window: z.number().int().positive().default(64),
  /** Band hashes a candidate pair must share before its exact Jaccard is computed (1 = any). */
  min_matching_bands: z.number().int().positive().default(2),
  /** Candidates whose sketch-estimated Jaccard is below threshold minus this skip confirmation (0 = off). */
  sketch_margin: z.number().min(0).max(1).default(0.2),
  /** Memory for shingle sets held while confirming candidates; more passes when exceeded. */
  confirm_memory_mb: z.number().positive().default(256),
  /** Source order for choosing the record a cluster keeps (earlier wins). */
  source_priority: z.array(z.string()).default(['math', 'harp', 'omni_math', 'numinamath', 'openmathinstruct2']),
  /** `drop_cluster`: drop every member of a conflicting cluster; `majority`: keep the best when most agree. */
  conflict_policy: z.enum(['drop_cluster', 'majority']).default('majority'),
});
export type DedupConfig = z.infer<typeof DedupConfigSchema>;

export const BenchmarkSchema = z.strictObject({ name: z.string(), path: z.string() });

export const DecontaminationConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Benchmarks given as files; empty means the bundled default set under `data/benchmarks/`. */
  benchmarks: z.array(BenchmarkSchema).default([]),
  /** Word n-gram length whose overlap with a benchmark problem marks contamination. */
  ngram: z.number().int().positive().default(13),
  /** How many distinct non-boilerplate n-grams a problem must share with one benchmark item. */
  min_shared_ngrams: z.number().int().positive().default(1),
  /**
   * An n-gram of a benchmark item found in at least this many distinct training problems (by
   * word-token text) is boilerplate (instructions, answer formats, reminders) and never counts.
   */
  boilerplate_min_docs: z.number().int().positive().default(3),
  /**
   * The boilerplate n-grams (tokens joined by spaces). Null: derived from the inputs before the
   * read tasks (document frequency); the manifest's config records the derived list.
   */
  boilerplate: z.array(z.string()).nullable().default(null),
  /** A problem with a benchmark item's wording and other numbers (a template sibling) is contaminated. */
  template: z.boolean().default(true),
  /** Keep benchmark problems that are themselves in a source (off by default). */
  keep_benchmark_problems: z.boolean().default(false),
});

export const ConfigSchema = z.strictObject({
  inputs: z.array(InputSchema).default([]),
  out: z.string().default('out'),
  /** Rows per Parquet shard for both the corpus and the rejection log. */
  rows_per_shard: z.number().int().positive().default(100_000),
  /** Worker threads for the per-record stages (0 = run in the main thread). */
  workers: z.number().int().nonnegative().default(2),
  /** Inputs smaller than this (MiB) run inline: starting workers would cost more than it saves. */
  worker_min_input_mb: z.number().nonnegative().default(32),
  filters: FiltersConfigSchema.default(FiltersConfigSchema.parse({})),
  source_policy: SourcePolicySchema.default(SourcePolicySchema.parse({})),
  dedup: DedupConfigSchema.default(DedupConfigSchema.parse({})),
  decontamination: DecontaminationConfigSchema.default(DecontaminationConfigSchema.parse({})),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

/** Parses a config object; throws an Error whose message lists each bad key by its path. */
export function parseConfig(raw: unknown): Config {
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new ConfigError(`invalid config:\n${lines.join('\n')}`);
}

export class ConfigError extends Error {}
