import { z } from 'zod';

const FileEntry = z.object({ path: z.string(), bytes: z.number(), sha256: z.string() });

/** Counts for one source. Accounting identity: read = kept + rejected + folded. */
export const SourceCountsSchema = z.object({
  read: z.number(),
  kept: z.number(),
  rejected: z.number(),
  folded: z.number(),
  /** Rejections by primary reason. */
  by_reason: z.record(z.string(), z.number()),
  /** Records per failing check (a record counts under every reason it fails). */
  by_any_reason: z.record(z.string(), z.number()),
  /** Records read per subset, and kept per subset. */
  subsets: z.record(z.string(), z.object({ read: z.number(), kept: z.number() })),
});
export type SourceCounts = z.infer<typeof SourceCountsSchema>;

export const ManifestSchema = z.object({
  tool: z.object({ name: z.string(), version: z.string(), node: z.string() }),
  /** sha256 of the canonical JSON of `config` (outputs depend on it and on the inputs only). */
  config_hash: z.string(),
  config: z.unknown(),
  inputs: z.array(FileEntry.extend({ source: z.string(), files: z.number(), rows: z.number() })),
  counts: z.record(z.string(), SourceCountsSchema),
  totals: z.object({ read: z.number(), kept: z.number(), rejected: z.number(), folded: z.number() }),
  accounting_ok: z.boolean(),
  outputs: z.object({
    corpus: z.array(FileEntry.extend({ rows: z.number() })),
    rejected: z.array(FileEntry.extend({ rows: z.number() })),
  }),
  dedup: z.unknown().optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;
