import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { figureEvidence, ruleVerdict } from './figure/evidence.ts';

/**
 * The problem depends on a figure the text does not contain (the evidence and its kinds:
 * `figure/evidence.ts`). Policy (`filters.figure_policy`):
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

export const figureRequired: Filter = {
  name: 'figure_required',
  reason: 'figure_required',
  apply(rec, config) {
    const e = figureEvidence(rec);
    const verdict = ruleVerdict(e);
    if (verdict) return signal(this, true, verdict);
    if (config.filters.figure_policy === 'asy_any') {
      if (e.asy) return signal(this, true, 'carried Asymptote code (policy asy_any)');
      if (e.cites) return signal(this, true, `refers to a figure (policy asy_any): ${e.cites}`);
    }
    return signal(this, false, e.asy ? 'Asymptote removed; text is self-contained' : '');
  },
};
