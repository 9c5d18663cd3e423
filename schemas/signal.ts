import { z } from 'zod';

/**
 * What one filter said about one record. Every filter runs on every record and the record keeps
 * all signals, so a rejection can be audited and a filter switched off without recomputing others.
 */
export const SignalSchema = z.object({
  /** Filter name, e.g. `multiple_choice`. */
  filter: z.string(),
  /** Reason code this filter rejects with when it fires. */
  reason: z.string(),
  /** True when the filter wants the record rejected. */
  fired: z.boolean(),
  /** Short human-readable evidence: the matched text, or why it did not fire (may be empty). */
  evidence: z.string(),
});
export type Signal = z.infer<typeof SignalSchema>;
