import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import type { Config } from '../schemas/config.ts';
import { STRIP_ASY } from './clean/asy.ts';
import { asyCarriesData } from './figure/asy-data.ts';
import { ARRANGED, CITES_DRAWING, INLINE_TABLE, NAMES_DRAWING, POINTS_AT_ASY, firstDependency } from './figure/cues.ts';
import { proseOf } from './figure/prose.ts';
import { undefinedShading } from './figure/shading.ts';
import { undefinedSymbol } from './figure/undefined-symbol.ts';

/**
 * The problem depends on a figure the text does not contain. Policy (`filters.figure_policy`):
 * - `asy_any`: every problem that carried Asymptote code is rejected (Big-Math's HARP rule),
 *   as is every problem whose text needs a figure (below).
 * - `needs_figure` (default): only problems that cannot be solved from their text. Three kinds
 *   of evidence, from strongest to weakest:
 *   1. the text names a drawing as the carrier of data ("the figure below", "the pentagon
 *      shown", "the first three squares are shown", "the graph of $f$ is shown", "in the table
 *      below", a spinner or board shown) or asks about a shaded region it never defines;
 *   2. the text only cites a drawing ("as shown", "In the diagram, ...", "in the adjoining
 *      figure") or, when an `[asy]` figure was removed, uses words that point at one ("below",
 *      "labeled"): most such problems are self-contained, so this counts only together with
 *      evidence that the drawing carried data: the text says the objects are arranged, stacked,
 *      connected or marked "as shown"; the removed Asymptote code labels numbers (lengths,
 *      angles, coordinates) or points that the text never gives; or the question uses a symbol
 *      the text never introduces;
 *   3. an `[asy]` figure was removed and the question uses a symbol the text never introduces
 *      ("What is the area of triangle $ABC$?" with the triangle only drawn), or the text names a
 *      trapezoid without saying which sides are parallel (only the drawing says).
 *   A reference to a figure that only illustrates an example ("the figure below shows the case
 *   $n=3$", "[See figure for $n=5$]") is not a dependency. Figures, tables and arrays that the
 *   text itself carries (a `tabular`/`array`) are not missing.
 */

/** A named trapezoid ("trapezoid $ABCD$", "$ABCD$ is a trapezoid"): which sides are parallel is data. */
const TRAPEZOID_UNSPECIFIED = /\btrapezoid\s+§|§\s+is\s+(?:an?\s+)?(?:isosceles\s+|right\s+)?trapezoid\b/i;
const TRAPEZOID_SPECIFIED = /parallel|\\parallel|\|\||\bbases?\b|\bregular\b|\brectangle\b|\bsquare\b/i;

export function asyWasPresent(rec: FilterInput): boolean {
  return (rec.cleaning ?? []).includes(STRIP_ASY) || /\[asy\]/i.test(rec.problem) || /\[asy\]/i.test(rec.problem_original ?? '');
}

export function judgeFigure(rec: FilterInput, config: Config): { fired: boolean; evidence: string } {
  const prose = proseOf(rec.problem);
  const asy = asyWasPresent(rec);
  const inline = INLINE_TABLE.test(rec.problem);
  const suffix = asy ? ' (Asymptote removed)' : '';

  // kind 1: the text names a drawing as the carrier of data, or a shaded region it never defines
  const named = inline ? null : firstDependency(NAMES_DRAWING, prose);
  if (named) return { fired: true, evidence: `refers to a figure for data: ${named}${suffix}` };
  const shaded = undefinedShading(prose);
  if (shaded) return { fired: true, evidence: `shaded region not defined by the text: ${shaded}${suffix}` };

  if (asy && config.filters.figure_policy === 'asy_any') return { fired: true, evidence: 'carried Asymptote code (policy asy_any)' };

  // kind 2: a citation (or, with a removed figure, a word pointing at it) plus evidence of data
  const cites = (inline ? null : firstDependency(CITES_DRAWING, prose)) ?? (asy ? firstDependency(POINTS_AT_ASY, prose) : null);
  if (cites && config.filters.figure_policy === 'asy_any') return { fired: true, evidence: `refers to a figure (policy asy_any): ${cites}` };
  const symbol = asy ? undefinedSymbol(rec.problem) : null;
  if (cites) {
    const arranged = ARRANGED.exec(prose);
    const data = arranged ? `"${arranged[0]}"` : ((asy ? asyCarriesData(rec) : null) ?? symbol ?? undefinedSymbol(rec.problem));
    if (data) return { fired: true, evidence: `refers to a figure: ${cites}; ${data}${suffix}` };
  }
  // kind 3: the question asks about something only the removed figure defines
  if (symbol) return { fired: true, evidence: `Asymptote removed and ${symbol}` };
  if (asy && TRAPEZOID_UNSPECIFIED.test(prose) && !TRAPEZOID_SPECIFIED.test(rec.problem)) {
    return { fired: true, evidence: 'Asymptote removed and the text never says which sides of the trapezoid are parallel' };
  }
  return { fired: false, evidence: asy ? 'Asymptote removed; text is self-contained' : '' };
}

export const figureRequired: Filter = {
  name: 'figure_required',
  reason: 'figure_required',
  apply(rec, config) {
    const { fired, evidence } = judgeFigure(rec, config);
    return signal(this, fired, evidence);
  },
};
