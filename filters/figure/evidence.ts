import type { FilterInput } from '../filter.ts';
import { STRIP_ASY } from '../clean/asy.ts';
import { asyCarriesData } from './asy-data.ts';
import { ARRANGED, CITES_DRAWING_ALTERNATION, INLINE_TABLE, NAMES_DRAWING_ALTERNATION, POINTS_AT_ASY, TEXT_FIXES_DRAWING, firstDependency, firstDependencyHit } from './cues.ts';
import { proseOf } from './prose.ts';
import { undefinedShading } from './shading.ts';
import { undefinedSymbol } from './undefined-symbol.ts';

/**
 * Every piece of figure evidence in one record, each the matched text or null: the rules and
 * the model (`model.ts`) both decide from these. Three kinds, from strongest to weakest:
 * 1. the text names a drawing as the carrier of data ("the figure below", "the pentagon shown",
 *    "the graph of $f$ is shown") or asks about a shaded region it never defines;
 * 2. the text only cites a drawing ("as shown", "In the diagram, ...") or, when an `[asy]` figure
 *    was removed, uses words that point at one ("below", "labeled"), together with evidence that
 *    the drawing carried data: objects "arranged as shown", numbers or points the removed
 *    Asymptote code labels that the text never gives, or a symbol the text never introduces;
 * 3. an `[asy]` figure was removed and the question uses a symbol the text never introduces, or
 *    names a trapezoid without saying which sides are parallel.
 */
export interface FigureEvidence {
  asy: boolean;
  inlineTable: boolean;
  prose: string;
  named: string | null;
  shaded: string | null;
  cites: string | null;
  arranged: string | null;
  asyData: string | null;
  symbol: string | null;
  trapezoid: boolean;
}

/** A named trapezoid ("trapezoid $ABCD$", "$ABCD$ is a trapezoid"): which sides are parallel is data. */
const TRAPEZOID_UNSPECIFIED = /\btrapezoid\s+§|§\s+is\s+(?:an?\s+)?(?:isosceles\s+|right\s+)?trapezoid\b/i;
const TRAPEZOID_SPECIFIED = /parallel|\\parallel|\|\||\bbases?\b|\bregular\b|\brectangle\b|\bsquare\b/i;

export function asyWasPresent(rec: FilterInput): boolean {
  return (rec.cleaning ?? []).includes(STRIP_ASY) || /\[asy\]/i.test(rec.problem) || /\[asy\]/i.test(rec.problem_original ?? '');
}

export function figureEvidence(rec: FilterInput): FigureEvidence {
  const prose = proseOf(rec.problem);
  const asy = asyWasPresent(rec);
  // every match holds a `\\begin{` or a `|`: most texts have neither and skip the scan
  const inlineTable = (rec.problem.includes('\\begin{') || rec.problem.includes('|')) && INLINE_TABLE.test(rec.problem);
  // a drawing named as the carrier of data counts as a mere citation when its own sentence
  // says what the drawing shows (regular, constructed, an example): then the data must be shown
  // (the gates scan the problem, which the other filters scan too, not the prose: see `proseOf`)
  const names = inlineTable ? null : NAMES_DRAWING_ALTERNATION.regexFor(prose, rec.problem);
  const namedHit = names ? firstDependencyHit(names, prose) : null;
  const demoted = namedHit !== null && TEXT_FIXES_DRAWING.test(namedHit.sentence);
  const named = namedHit && !demoted ? namedHit.evidence : null;
  const shaded = undefinedShading(prose, rec.problem);
  const citing = inlineTable ? null : CITES_DRAWING_ALTERNATION.regexFor(prose, rec.problem);
  const cites = (demoted ? namedHit.evidence : null) ?? (citing ? firstDependency(citing, prose) : null) ?? (asy ? firstDependency(POINTS_AT_ASY, prose) : null);
  // data evidence is looked for only where a drawing is cited or was removed
  const arrangedMatch = cites ? ARRANGED.exec(prose) : null;
  const symbol = asy || cites ? undefinedSymbol(rec.problem) : null;
  return {
    asy,
    inlineTable,
    prose,
    named,
    shaded,
    cites,
    arranged: arrangedMatch ? arrangedMatch[0] : null,
    asyData: asy && cites ? asyCarriesData(rec) : null,
    symbol,
    trapezoid: asy && TRAPEZOID_UNSPECIFIED.test(prose) && !TRAPEZOID_SPECIFIED.test(rec.problem),
  };
}

/** The hand-written decision over the evidence (the policy `asy_any` aside). */
export function ruleVerdict(e: FigureEvidence): string | null {
  const suffix = e.asy ? ' (Asymptote removed)' : '';
  if (e.named) return `refers to a figure for data: ${e.named}${suffix}`;
  if (e.shaded) return `shaded region not defined by the text: ${e.shaded}${suffix}`;
  if (e.cites) {
    const data = e.arranged ? `"${e.arranged}"` : (e.asyData ?? e.symbol);
    if (data) return `refers to a figure: ${e.cites}; ${data}${suffix}`;
  }
  if (e.asy && e.symbol) return `Asymptote removed and ${e.symbol}`;
  if (e.trapezoid) return 'Asymptote removed and the text never says which sides of the trapezoid are parallel';
  return null;
}
