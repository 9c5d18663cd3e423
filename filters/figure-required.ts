import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import type { Config } from '../schemas/config.ts';
import { STRIP_ASY } from './clean/asy.ts';
import { firstMatch } from './text/evidence.ts';
import { stripMath } from './text/latex.ts';

/**
 * The problem depends on a figure the text does not contain. Policy (`filters.figure_policy`):
 * - `asy_any`: every problem that carried Asymptote code is rejected (Big-Math's HARP rule),
 *   as is every problem whose text refers to a figure.
 * - `needs_figure`: only problems whose text cannot be solved without the missing figure: the
 *   text points at a figure ("in the diagram", "as shown", "the shaded region"), or it carried
 *   Asymptote code (now removed by cleaning) and refers to something only a drawing shows
 *   ("below", "labeled", "the graph"). Decorative figures next to a self-contained text pass.
 */

/** Phrases that point at a figure in any text: with no figure in the record, it is missing. */
const STRONG = new RegExp(
  [
    String.raw`\b(?:in|on|from|see|refer to|according to|consider|look at|as in)\s+(?:the\s+|this\s+)?(?:accompanying\s+|adjoining\s+|adjacent\s+|given\s+|following\s+|attached\s+|above\s+|below\s+|right\s+|left\s+)?(?:figure|fig\.|diagram|picture|drawing|illustration|image|sketch)\b(?!\s+(?:of|formed|obtained|with|that|whose|made)\b)`,
    String.raw`\b(?:figure|diagram|picture|drawing|image)\s+(?:below|above|shown|given\s+(?:below|above)|at\s+(?:the\s+)?(?:right|left))\b`,
    String.raw`\b(?:the|this|following|above|below|given)\s+(?:figure|diagram)\b(?!\s+(?:of|formed|obtained|made|whose|with)\b)`,
    String.raw`\b(?:fig\.|figure)\s*\d`,
    String.raw`\bshaded\s+(?:region|area|part|portion|regions|areas|parts|figure|sector|triangle|square)s?\b`,
    String.raw`\[img\]|!\[[^\]]*\]\(`,
  ].join('|'),
  'i',
);

/**
 * "As shown", "are shown below": a figure, unless the text itself carries what is shown as a
 * tabular/array (MATH prints Pascal's triangle, tables and number patterns that way).
 */
const SHOWN = new RegExp(
  [
    String.raw`\bas\s+(?:is\s+)?(?:shown|pictured|depicted|illustrated)\b`,
    String.raw`\b(?:is|are|was|were|been|be)\s+(?:partially\s+|partly\s+)?(?:shown|pictured|depicted|illustrated)\s*(?:below|above|here|at\s+(?:the\s+)?(?:right|left)|to\s+the\s+(?:right|left)|in\s+(?:the\s+)?(?:figure|diagram|picture)|[.,:;]|$)`,
    String.raw`\bshown\s+(?:below|above|here|at\s+(?:the\s+)?(?:right|left)|to\s+the\s+(?:right|left))\b`,
    // "the spinner shown", "the grid shown"
    String.raw`\bthe\s+(?:[a-z]+\s+)?(?:spinner|grid|board|dartboard|net|arrangement|map|figures?|diagram|picture|drawing)\s+shown\b`,
  ].join('|'),
  'i',
);

/** A table or chart the text refers to: missing unless the text carries it as a tabular/array. */
const TABLE_REF = /\b(?:table|chart|graph|grid|map|plot|board|spinner|stem[- ]and[- ]leaf)\s+(?:below|above|shown)\b|\bin\s+the\s+(?:table|chart)\b|\b(?:the|this)\s+(?:table|chart)\s+(?:shows|gives|lists)\b(?!\s+that)/i;
const INLINE_TABLE = /\\begin\{(?:tabular|array|matrix)\}|^\s*\|.*\|\s*$/m;

/** Words that refer to a drawing; they mean a missing figure only when one was removed. */
const WEAK = /\b(?:shaded|below|above|shown|labell?ed|drawn|figure|diagram|graph|picture|pictured|depicted|marked|indicated|illustrated|the following|stages?|(?:each|every|one) (?:square|box|region|cell)s?|the (?:grid|squares|boxes|circles|regions|cells|rows?|columns?)|ink|spinners?|dartboard|arrangement|pattern)\b/i;

/**
 * A symbol the question asks about but the text never introduces ("What is the value of $N$?",
 * "center at $P$ and passing through $Q$"): with a removed figure, the figure defined it.
 */
function undefinedSymbol(problem: string): string | null {
  const sentences = problem.split(/(?<=[.?!]\$?)\s+(?=[A-Z$])/);
  const question = [...sentences].reverse().find((s) => /\?|\b(?:find|compute|what|how|determine)\b/i.test(s));
  if (!question) return null;
  // single letters, and each capital of a point name ("ABC" names A, B and C)
  const symbolsIn = (t: string) => [...t.matchAll(/\$([^$]*)\$/g)].flatMap((m) => m[1].replace(/\\[a-zA-Z]+/g, ' ').match(/(?<![a-z])[A-Z](?![a-z])|(?<![a-zA-Z])[a-z](?![a-zA-Z])/g) ?? []);
  const rest = problem.replace(question, ' ');
  const before = new Set(symbolsIn(rest));
  // letters the question itself introduces ("where $m$ and $n$ are integers") are defined
  const introduced = new Set([...question.matchAll(/\$([a-zA-Z])\$\s*(?:,|and|be|is|are|denote|represent)/g)].map((m) => m[1]));
  const missing = symbolsIn(question).filter((c) => !before.has(c) && !introduced.has(c) && !/\bwhere\b/.test(question));
  return missing.length ? `symbol ${missing[0]} is defined nowhere in the text` : null;
}

export function asyWasPresent(rec: FilterInput): boolean {
  return (rec.cleaning ?? []).includes(STRIP_ASY) || /\[asy\]/i.test(rec.problem) || /\[asy\]/i.test(rec.problem_original ?? '');
}

export function judgeFigure(rec: FilterInput, config: Config): { fired: boolean; evidence: string } {
  // math spans cannot refer to figures, and "\text{below}" in a formula is not a reference
  const prose = stripMath(rec.problem.replace(/\[asy\][\s\S]*?(?:\[\/asy\]|$)/gi, ' '));
  const asy = asyWasPresent(rec);
  const inline = INLINE_TABLE.test(rec.problem);
  const strong = firstMatch(STRONG, prose) ?? (inline ? null : (firstMatch(SHOWN, prose) ?? firstMatch(TABLE_REF, prose)));
  if (strong) return { fired: true, evidence: `refers to a figure: ${strong}${asy ? ' (Asymptote removed)' : ''}` };
  if (asy && config.filters.figure_policy === 'asy_any') return { fired: true, evidence: 'carried Asymptote code (policy asy_any)' };
  if (asy) {
    const weak = firstMatch(WEAK, prose) ?? undefinedSymbol(rec.problem);
    if (weak) return { fired: true, evidence: `Asymptote removed and text refers to it: ${weak}` };
    return { fired: false, evidence: 'Asymptote removed; text is self-contained' };
  }
  return { fired: false, evidence: '' };
}

export const figureRequired: Filter = {
  name: 'figure_required',
  reason: 'figure_required',
  apply(rec, config) {
    const { fired, evidence } = judgeFigure(rec, config);
    return signal(this, fired, evidence);
  },
};
