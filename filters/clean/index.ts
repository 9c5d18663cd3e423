import type { ProblemRecord } from '../../schemas/record.ts';
import { STRIP_ASY, stripAsyFigures } from './asy.ts';
import { STRIP_ATTRIBUTION, STRIP_SCORING, stripOmniAttribution, stripScoringText } from './omni-attribution.ts';
import { STRIP_AOPS_ATTRIBUTION, STRIP_POINTS, stripAopsAttribution, stripPoints } from './aops-attribution.ts';

/** One named text transformation and the records it applies to. */
interface Cleaner {
  readonly name: string;
  applies(rec: ProblemRecord): boolean;
  apply(problem: string): string;
}

const NUMINA_FORUM_SUBSETS = new Set(['aops_forum', 'olympiads', 'amc_aime']);

/** In the order applied. Asymptote first: its code contains text the other rules would misread. */
export const CLEANERS: readonly Cleaner[] = [
  // Asymptote appears in MATH, HARP and in problems derived from them (OpenMathInstruct-2 augmented_math)
  { name: STRIP_ASY, applies: () => true, apply: stripAsyFigures },
  { name: STRIP_ATTRIBUTION, applies: (r) => r.source === 'omni_math', apply: stripOmniAttribution },
  { name: STRIP_SCORING, applies: (r) => r.source === 'omni_math', apply: stripScoringText },
  {
    name: STRIP_AOPS_ATTRIBUTION,
    applies: (r) => r.source === 'numinamath' && NUMINA_FORUM_SUBSETS.has(r.subset ?? ''),
    apply: stripAopsAttribution,
  },
  { name: STRIP_POINTS, applies: (r) => r.source === 'numinamath' || r.source === 'omni_math', apply: stripPoints },
];

/**
 * Source-specific cleaning of the problem text. The original is kept (`problem_original`) and
 * every transformation that changed the text is named, so a cleaning can be audited or undone.
 */
export function cleanRecord(rec: ProblemRecord): { problem: string; problem_original: string | null; cleaning: string[] } {
  let problem = rec.problem;
  const cleaning: string[] = [];
  for (const c of CLEANERS) {
    if (!c.applies(rec)) continue;
    const next = c.apply(problem);
    if (next !== problem) {
      cleaning.push(c.name);
      problem = next;
    }
  }
  return { problem, problem_original: cleaning.length ? rec.problem : null, cleaning };
}
