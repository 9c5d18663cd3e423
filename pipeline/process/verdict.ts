import { REASON_STAGE, sortReasons, type ReasonCode } from '../../schemas/reasons.ts';
import type { Signal } from '../../schemas/signal.ts';

export interface Verdict {
  kept: boolean;
  reason: ReasonCode | null;
  reasons: string[];
  stage: string | null;
  evidence: string;
}

/**
 * Decides keep or reject from all signals of a record. Disabled filters keep their signal but
 * never reject. The primary reason is the first failing check in pipeline order.
 */
export function verdictOf(signals: readonly Signal[], disabled: ReadonlySet<string>): Verdict {
  const fired = signals.filter((s) => s.fired && !disabled.has(s.filter) && !disabled.has(s.reason));
  if (fired.length === 0) return { kept: true, reason: null, reasons: [], stage: null, evidence: '' };
  const reasons = sortReasons(fired.map((s) => s.reason));
  const reason = reasons[0] as ReasonCode;
  const primary = fired.find((s) => s.reason === reason)!;
  return { kept: false, reason, reasons, stage: REASON_STAGE[reason] ?? 'unknown', evidence: primary.evidence };
}
