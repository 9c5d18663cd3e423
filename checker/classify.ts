import { canonicalOf } from './canonical.ts';
import type { Classification, ParsedAnswer } from './types.ts';

/** Summary of a parsed answer for filters: its kind, canonical string, or why it is not a closed form. */
export function classifyParsed(p: ParsedAnswer): Classification {
  if (p.kind === 'not_closed_form') return { closedForm: false, kind: 'not_closed_form', canonical: null, reason: p.reason };
  let canonical: string | null;
  try {
    canonical = canonicalOf(p);
  } catch {
    canonical = null;
  }
  if (canonical === null) return { closedForm: false, kind: 'not_closed_form', canonical: null, reason: 'unparseable' };
  return { closedForm: true, kind: p.kind, canonical, reason: null };
}
