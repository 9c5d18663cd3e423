import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import type { Config } from '../schemas/config.ts';
import { STRIP_ASY } from './clean/asy.ts';
import { around } from './text/evidence.ts';

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

/** Prose view: Asymptote removed and each math span replaced by `§` (so "for $n=3$" stays visible). */
const MATH_SPANS = /\$\$[\s\S]*?\$\$|\$(?:\\.|[^$\\])*\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)|\\begin\{(equation|align|gather|eqnarray|array|tabular|cases|pmatrix|bmatrix|matrix)\*?\}[\s\S]*?\\end\{\1\*?\}/g;
const ASY_BLOCK = /\[asy\]([\s\S]*?)(?:\[\/asy\]|$)/gi;

function proseOf(problem: string): string {
  return problem.replace(ASY_BLOCK, ' ').replace(MATH_SPANS, ' § ').replace(/[ \t]+/g, ' ');
}

const DRAWING = String.raw`(?:figure|fig\.|diagram|picture|drawing|illustration|image|sketch)`;
const PLACE = String.raw`(?:below|above|here|shown|at\s+(?:the\s+)?(?:right|left)|on\s+the\s+(?:right|left)|to\s+the\s+(?:right|left))`;
/** Things whose content is data: a drawing of one of them cannot be replaced by its name. */
const SHAPE = String.raw`(?:figures?|polygons?|pentagon|hexagon|octagon|quadrilateral|triangle|trapezoid|parallelogram|prism|cube|solid|spinners?|grid|board|dartboard|geoboard|graphs?|ellipse|parabola|hyperbola|curve|paths?|logo|arrangement|positions|structure|tables?|charts?|histogram|plot|net|map|tiles?|shapes?)`;

/** Kind 1: a drawing named as the carrier of data. */
const NAMES_DRAWING = new RegExp(
  [
    // "the figure below", "the diagram on the right", "the following figure", "the figure shows"
    // ("In the diagram below, ..." and "as shown in the following figure" only cite: kind 2)
    String.raw`(?<!\b(?:in|see|from|on)\s+)\b(?:the|this|each|following|accompanying|adjoining|attached)\s+(?:following\s+|accompanying\s+|adjoining\s+|attached\s+|given\s+)?${DRAWING}\s+${PLACE}`,
    String.raw`(?<!\b(?:in|see|from|on)\s+(?:the\s+)?)\bfollowing\s+${DRAWING}\b`,
    String.raw`\bfollowing\s+(?:\w+\s+)?${SHAPE}\b`,
    // "the dots of this figure", "How many triangles are in this figure?"
    String.raw`(?<!^\s*|[.?!]\s+)\b(?:in|of|on)\s+this\s+${DRAWING}\b`,
    // "a logo ..., shown below on a grid", "In $\triangle RST$, shown, ..."
    String.raw`,\s*shown\s*(?:here\s*)?,`,
    String.raw`(?<!\bas\s+)\bshown\s+(?:below|above|here|at\s+the\s+(?:right|left))`,
    String.raw`\b(?:the|this)\s+${DRAWING}\s+(?:below\s+|above\s+)?(?:shows|is\s+the|depicts|consists|contains|has)\b`,
    String.raw`\b(?:fig\.|figure)\s*\d`,
    String.raw`\[img\]|!\[[^\]]*\]\(`,
    // "the pentagon shown", "the right triangle shown below", "the five positions shown"
    String.raw`\b(?:${SHAPE}|squares|rectangles|triangles|pieces)\s+(?:shown|pictured|depicted|illustrated|drawn\s+(?:below|above|here))\b`,
    String.raw`\b${SHAPE}\s+(?:below|above)\b(?!\s+(?:it|them|the|a|an|§)\b)`,
    String.raw`\b${SHAPE}\s+(?:on|at|to)\s+the\s+(?:right|left)\b`,
    // "the first three squares are shown.", "the graph of § is shown below"
    String.raw`\b(?:is|are|was|were)\s+(?:partially\s+|partly\s+)?(?:shown|pictured|depicted|illustrated)\s*(?:below|above|here|at\s+(?:the\s+)?(?:right|left)|to\s+the\s+(?:right|left)|in\s+(?:red|blue|the\s+(?:figure|diagram|picture))|[.,:;]|$)`,
    String.raw`\bgraphs?\b[^.?!]{0,60}?\b(?:is|are)\s+(?:shown|pictured)\b`,
    String.raw`\b(?:below|above|here)\s+(?:is|are)\s+(?:a\s+portion\s+of\s+|part\s+of\s+)?(?:the\s+)?graphs?\b`,
    String.raw`\b(?:in|on|from)\s+the\s+(?:\w+\s+)?(?:table|chart|board|spinner|histogram|arrangement|grid|graph|map)\s+(?:below|above|shown)\b`,
    String.raw`\bin\s+the\s+(?:table|chart)\b`,
    String.raw`\b(?:the|this)\s+(?:table|chart)\s+(?:shows|gives|lists)\b(?!\s+that)`,
    String.raw`\b(?:traced|marked|(?<!\bas\s+)drawn)\s+in\s+the\s+${DRAWING}\b`,
    String.raw`\bstem[- ]and[- ]leaf\s+(?:plot\s+|diagram\s+)?(?:below|above|shown)\b`,
  ].join('|'),
  'gi',
);

/** Kind 2: a citation of a drawing. */
const CITES_DRAWING = new RegExp(
  [
    String.raw`\b(?:in|on|from|see|refer to|according to|consider|look at|as in)\s+(?:the\s+|this\s+)?(?:accompanying\s+|adjoining\s+|adjacent\s+|given\s+|following\s+|attached\s+|above\s+|below\s+|right\s+|left\s+|venn\s+)?${DRAWING}\b(?!\s+(?:of|formed|obtained|with|that|whose|made)\b)`,
    String.raw`\bas\s+(?:is\s+)?(?:shown|pictured|depicted|illustrated|indicated|follows)\b`,
    String.raw`\b(?:shown|illustrated|depicted)\s+(?:in|on)\s+(?:the\s+)?(?:\w+\s+)?${DRAWING}\b`,
    String.raw`\b(?:the|this)\s+${DRAWING}\b(?!\s+(?:of|formed|obtained|made|whose|with)\b)`,
  ].join('|'),
  'gi',
);

/** Words that point at a removed `[asy]` drawing; like a citation they need evidence. */
const POINTS_AT_ASY = /\b(?:shaded|below|above|shown|labell?ed|drawn|figure|diagram|graph|picture|pictured|depicted|marked|indicated|illustrated|the following|stages?|(?:each|every|one) (?:square|box|region|cell)s?|the (?:grid|squares|boxes|circles|regions|cells|rows?|columns?)|ink|spinners?|dartboard|arrangement|pattern)\b/gi;

/** The reference only illustrates a case of a general statement: "shows the case $n=3$", "for $n=5$". */
const EXAMPLE_ONLY = /^\W{0,3}(?:\w+\s+){0,3}?(?:for\s+§|(?:shows?|illustrates?|depicts?)\s+(?:the\s+case|an?\s+(?:example|sample|instance)|one\s+(?:such|example|possible)))/i;

/** Kind 2 evidence in the text: the objects are arranged or marked in a way only the drawing shows. */
const ARRANGED = /\b(?:placed|put|written)\s+in\s+the\s+(?:figure|diagram)|\b(?:arranged|placed|lying|laid|positioned|stacked|connected|joined|stretched|tiled|folded|attached|glued|numbered|labell?ed|colou?red|painted)\s+(?:[\w§-]+,?\s+){0,3}?(?:as\s+(?:shown|pictured|illustrated|depicted|indicated)|in\s+the\s+(?:figure|diagram))|\b(?:marked|indicated)\s+(?:by|with|as)\b/i;

/** A shaded or gray region; the text defines it when it says what bounds it. */
const SHADED = /\bshaded\s+(?:region|area|part|portion|figure|sector|triangle|square|strip|ring|regions|areas|parts|portions|sectors|triangles|squares)\b|\b(?:gr[ae]y|darkened)\s+(?:region|area|part|portion)s?\b|\b(?:is|are)\s+shaded\b|\bshaded\s+(?:the\s+)?same\s+way\b/i;
const SHADE_DEFINED = /\bbound(?:s|ed)?\b|\bbetween\s+\w|\benclosed\b|\binside\b[^.]*\boutside\b|\boutside\b[^.]*\binside\b|\bwide\b|\bconsists?\s+of\b|\bformed\s+by\b/i;

/** A named trapezoid ("trapezoid $ABCD$", "$ABCD$ is a trapezoid"): which sides are parallel is data. */
const TRAPEZOID_UNSPECIFIED = /\btrapezoid\s+§|§\s+is\s+(?:an?\s+)?(?:isosceles\s+|right\s+)?trapezoid\b/i;
const TRAPEZOID_SPECIFIED = /parallel|\\parallel|\|\||\bbases?\b|\bregular\b|\brectangle\b|\bsquare\b/i;

const INLINE_TABLE = /\\begin\{(?:tabular|array|matrix)\}|^\s*\|.*\|\s*$/m;

interface Hit {
  index: number;
  text: string;
}

function matches(re: RegExp, text: string): Hit[] {
  const out: Hit[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ index: m.index, text: m[0] });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** The first match that is not an example-only reference, as evidence. */
function firstDependency(re: RegExp, prose: string): string | null {
  for (const h of matches(re, prose)) {
    if (EXAMPLE_ONLY.test(prose.slice(h.index + h.text.length, h.index + h.text.length + 60))) continue;
    return around(prose, h.index, h.text.length);
  }
  return null;
}

function sentences(prose: string): string[] {
  return prose.split(/(?<=[.?!])\s+/);
}

/** A shaded region the text never defines (kind 1). */
function undefinedShading(prose: string): string | null {
  const ss = sentences(prose);
  let first: string | null = null;
  for (let i = 0; i < ss.length; i++) {
    const m = SHADED.exec(ss[i]);
    if (!m) continue;
    // a sentence about the region, or the next one when it continues about "it", may define it
    const next = ss[i + 1] && /^(?:it|this|they)\b/i.test(ss[i + 1]) ? ss[i + 1] : '';
    if (SHADE_DEFINED.test(ss[i] + ' ' + next)) return null;
    first ??= around(ss[i], m.index, m[0].length);
  }
  return first;
}

/** Label strings of the Asymptote code: `label("$5$", ...)`, `MP("A", ...)`, `dot("$P$", ...)`. */
function asyLabels(original: string): string[] {
  const out: string[] = [];
  for (const block of original.matchAll(ASY_BLOCK)) {
    for (const m of block[1].matchAll(/\b(?:label|MP|dot|Label)\s*\(\s*(?:[a-zA-Z_]\w*(?:\[\d+\])?\s*,\s*)?"([^"]*)"/g)) out.push(m[1]);
  }
  return out;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function numbersIn(text: string): string[] {
  // digits in subscripts ("A_1") name things, they are not data
  return (text.replace(/_\{?\d+\}?/g, ' ').match(/\d+(?:\.\d+)?/g) ?? []).map((n) => n.replace(/^0+(?=\d)/, ''));
}

/**
 * Kind 2 evidence from the removed Asymptote code: a number it labels (a length, an angle, a
 * coordinate) that the text never states, or a point it labels that the text never names.
 */
function asyCarriesData(rec: FilterInput): string | null {
  const original = rec.problem_original ?? rec.problem;
  const labels = asyLabels(original);
  if (labels.length === 0) return null;
  const text = rec.problem.replace(ASY_BLOCK, ' ');
  const textNumbers = new Set(numbersIn(text));
  for (const [i, w] of NUMBER_WORDS.entries()) if (new RegExp(`\\b${w}\\b`, 'i').test(text)) textNumbers.add(String(i));
  const missingNumber = labels.flatMap((l) => numbersIn(l)).find((n) => !textNumbers.has(n));
  if (missingNumber !== undefined) return `the removed figure labels ${missingNumber}, which the text does not give`;
  // point names: capitals in math spans, and runs of capitals in prose ("pentagon ABCDE")
  const named = new Set<string>();
  for (const m of text.matchAll(MATH_SPANS)) for (const c of m[0].replace(/\\[a-zA-Z]+/g, ' ').match(/[A-Z]/g) ?? []) named.add(c);
  for (const w of text.replace(MATH_SPANS, ' ').match(/\b[A-Z]{2,8}\b/g) ?? []) for (const c of w) named.add(c);
  for (const l of labels) {
    const point = /^\$?\\?(?:\(|\[)?\s*(?:\\mathit\{|\\text\{|\\textbf\{)?([A-Z])\}?(?:'|_\{?\w+\}?)?\s*(?:\\\)|\\\])?\$?$/.exec(l.trim());
    if (point && !named.has(point[1])) return `the removed figure labels point ${point[1]}, which the text never names`;
  }
  return null;
}

/**
 * A symbol the question asks about but the text never introduces ("What is the value of $N$?",
 * "center at $P$ and passing through $Q$"): with a removed figure, the figure defined it.
 */
function undefinedSymbol(problem: string): string | null {
  // "$x$-axis" names an axis, not a symbol
  const text = problem.replace(/\$[a-z]\$-(?:axis|axes|coordinates?|intercepts?|plane|values?)/g, ' ');
  const sentences = text.split(/(?<=[.?!][\])]?\$?)\s+(?=[A-Z$\[])/);
  // the question, or (HARP "The area of polygon $ABCDEF$ is") the last sentence
  const last = sentences[sentences.length - 1];
  const question =
    [...sentences].reverse().find((s) => /\?|\b(?:find|compute|what|how|determine)\b/i.test(s)) ??
    (last && last.length < 120 && !/\b(?:if|let|given|suppose|where)\b/i.test(last) ? last : undefined);
  if (!question) return null;
  // a question that states the condition its unknowns satisfy introduces them
  if (/\b(?:where|so\s+that|such\s+that|in\s+the\s+form|satisfying|for\s+which)\b/i.test(question)) return null;
  // single letters, and each capital of a point name ("ABC" names A, B and C)
  const symbolsIn = (t: string) => [...t.matchAll(/\$([^$]*)\$/g)].flatMap((m) => m[1].replace(/\\(?:text|mathrm|textbf)\{[^{}]*\}/g, ' ').replace(/\\[a-zA-Z]+/g, ' ').match(/(?<![a-z])[A-Z](?![a-z])|(?<![a-zA-Z])[a-z](?![a-zA-Z])/g) ?? []);
  const rest = text.replace(question, ' ');
  // every letter of a formula in the rest of the text is defined there ("in the form $ax+2y+c=0$")
  const before = new Set([...rest.matchAll(/\$([^$]*)\$/g)].flatMap((m) => m[1].replace(/\\(?:text|mathrm|textbf)\{[^{}]*\}/g, ' ').replace(/\\[a-zA-Z]+/g, ' ').match(/[a-zA-Z]/g) ?? []));
  // letters the question itself introduces ("$m$ and $n$ are integers") are defined
  // (a list takes "are": in "the sum of angles $P$ and $Q$ is" nothing is introduced)
  const introduced = new Set<string>();
  for (const m of question.matchAll(/((?:\$[a-zA-Z]\$\s*(?:,\s*(?:and\s+)?|and\s+)?)+)(be|is|are|denotes?|represents?)\b/g)) {
    const letters = m[1].match(/\$([a-zA-Z])\$/g) ?? [];
    if (letters.length > 1 && m[2] === 'is') continue;
    for (const l of letters) introduced.add(l.replace(/\$/g, ''));
  }
  const missing = symbolsIn(question).filter((c) => !before.has(c) && !introduced.has(c));
  return missing.length ? `symbol ${missing[0]} is defined nowhere in the text` : null;
}

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
