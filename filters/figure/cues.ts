import { around } from '../text/evidence.ts';
import { gatedAlternation } from '../text/gated-alternation.ts';

/**
 * The wordings by which a problem points at a drawing, from strongest (names a drawing as the
 * carrier of data) to weakest (cites one), and the wordings that say a reference only
 * illustrates an example. Regexes run on the prose view (`proseOf`).
 */
const DRAWING = String.raw`(?:figure|fig\.|diagram|picture|drawing|illustration|image|sketch)`;
/** Trigger words of DRAWING (keyword gate: every match of it contains one). */
const DRAWING_WORDS = ['fig', 'diagram', 'picture', 'drawing', 'illustration', 'image', 'sketch'];
const PLACE = String.raw`(?:below|above|here|shown|at\s+(?:the\s+)?(?:right|left)|on\s+the\s+(?:right|left)|to\s+the\s+(?:right|left))`;
/** Things whose content is data: a drawing of one of them cannot be replaced by its name. */
const SHAPE = String.raw`(?:figures?|\w*ominoe?s?|number\s+lines?|polygons?|pentagon|hexagon|octagon|quadrilateral|triangle|trapezoid|parallelogram|prism|cube|solid|spinners?|grid|board|dartboard|geoboard|graphs?|ellipse|parabola|hyperbola|curve|paths?|logo|arrangement|positions|structure|tables?|charts?|histogram|plot|net|map|tiles?|shapes?)`;

const SHOWN_WORDS = ['shown', 'pictured', 'depicted', 'illustrated'];
/**
 * Kind 1: a drawing named as the carrier of data. Each alternative with its trigger words: a text
 * is searched with only the alternatives whose words it holds (text/gated-alternation.ts).
 */
export const NAMES_DRAWING_ALTERNATION = gatedAlternation(
  [
    // "the figure below", "the diagram on the right", "the following figure", "the figure shows"
    // ("In the diagram below, ..." and "as shown in the following figure" only cite: kind 2)
    [String.raw`(?<!\b(?:in|see|from|on)\s+)\b(?:the|this|each|following|accompanying|adjoining|attached)\s+(?:following\s+|accompanying\s+|adjoining\s+|attached\s+|given\s+)?${DRAWING}\s+${PLACE}`, DRAWING_WORDS],
    [String.raw`(?<!\b(?:in|see|from|on)\s+(?:the\s+)?)\bfollowing\s+${DRAWING}\b`, DRAWING_WORDS],
    [String.raw`\bfollowing\s+(?:\w+\s+)?${SHAPE}\b`, ['following']],
    // "the dots of this figure", "How many triangles are in this figure?"
    [String.raw`(?<!^\s*|[.?!]\s+)\b(?:in|of|on)\s+this\s+${DRAWING}\b`, DRAWING_WORDS],
    // "a logo ..., shown below on a grid", "In $\triangle RST$, shown, ..."
    [String.raw`,\s*shown\s*(?:here\s*)?,`, ['shown']],
    [String.raw`(?<!\bas\s+)\bshown\s+(?:below|above|here|at\s+the\s+(?:right|left))`, ['shown']],
    [String.raw`\b(?:the|this)\s+${DRAWING}\s+(?:below\s+|above\s+)?(?:shows|is\s+the|depicts|consists|contains|has)\b`, DRAWING_WORDS],
    [String.raw`\b(?:fig\.|figure)\s*\d`, ['fig']],
    [String.raw`\[img\]|!\[[^\]]*\]\(`, ['[img]', '![']],
    // "the pentagon shown", "the right triangle shown below", "the five positions shown"
    [String.raw`\b(?:${SHAPE}|squares|rectangles|triangles|pieces)\s+(?:shown|pictured|depicted|illustrated|drawn\s+(?:below|above|here))\b`, [...SHOWN_WORDS, 'drawn']],
    [String.raw`\b${SHAPE}\s+(?:below|above)\b(?!\s+(?:it|them|the|a|an|§)\b)`, ['below', 'above']],
    [String.raw`\b${SHAPE}\s+(?:on|at|to)\s+the\s+(?:right|left)\b`, ['right', 'left']],
    // "the first three squares are shown.", "the graph of § is shown below"
    [String.raw`\b(?:is|are|was|were)\s+(?:partially\s+|partly\s+)?(?:shown|pictured|depicted|illustrated)\s*(?:below|above|here|at\s+(?:the\s+)?(?:right|left)|to\s+the\s+(?:right|left)|in\s+(?:red|blue|the\s+(?:figure|diagram|picture))|[.,:;]|$)`, SHOWN_WORDS],
    [String.raw`\bgraphs?\b[^.?!]{0,60}?\b(?:is|are)\s+(?:shown|pictured)\b`, ['shown', 'pictured']],
    [String.raw`\b(?:below|above|here)\s+(?:is|are)\s+(?:a\s+portion\s+of\s+|part\s+of\s+)?(?:the\s+)?graphs?\b`, ['graph']],
    [String.raw`\b(?:in|on|from)\s+the\s+(?:\w+\s+)?(?:table|chart|board|spinner|histogram|arrangement|grid|graph|map)\s+(?:below|above|shown)\b`, ['below', 'above', 'shown']],
    [String.raw`\bin\s+the\s+(?:table|chart)\b`, ['table', 'chart']],
    [String.raw`\b(?:displayed|given|presented|recorded|listed|plotted)\s+(?:in|on)\s+the\s+(?:\w+\s+)?(?:graph|table|chart|histogram|plot)\b`, ['graph', 'table', 'chart', 'histogram', 'plot']],
    [String.raw`\b(?:the|this)\s+(?:table|chart)\s+(?:shows|gives|lists)\b(?!\s+that)`, ['table', 'chart']],
    [String.raw`\b(?:traced|marked|(?<!\bas\s+)drawn)\s+in\s+the\s+${DRAWING}\b`, DRAWING_WORDS],
    [String.raw`\bstem[- ]and[- ]leaf\s+(?:plot\s+|diagram\s+)?(?:below|above|shown)\b`, ['stem']],
  ],
  'gi',
);
export const NAMES_DRAWING = NAMES_DRAWING_ALTERNATION.re;
/** Kind 2: a citation of a drawing; gated alternative by alternative like NAMES_DRAWING. */
export const CITES_DRAWING_ALTERNATION = gatedAlternation(
  [
    [String.raw`\b(?:in|on|from|see|refer to|according to|consider|look at|as in)\s+(?:the\s+|this\s+)?(?:accompanying\s+|adjoining\s+|adjacent\s+|given\s+|following\s+|attached\s+|above\s+|below\s+|right\s+|left\s+|venn\s+)?${DRAWING}\b(?!\s+(?:of|formed|obtained|with|that|whose|made)\b)`, DRAWING_WORDS],
    [String.raw`\bas\s+(?:is\s+)?(?:shown|pictured|depicted|illustrated|indicated)\b`, [...SHOWN_WORDS, 'indicated']],
    [String.raw`\b(?:shown|illustrated|depicted)\s+(?:in|on)\s+(?:the\s+)?(?:\w+\s+)?${DRAWING}\b`, DRAWING_WORDS],
    [String.raw`\b(?:the|this)\s+${DRAWING}\b(?!\s+(?:of|formed|obtained|made|whose|with|(?:is|was)\s+(?:then\s+)?(?:rotated|reflected|translated|dilated|folded|cut|moved|turned))\b)`, DRAWING_WORDS],
  ],
  'gi',
);
export const CITES_DRAWING = CITES_DRAWING_ALTERNATION.re;

/** Words that point at a removed `[asy]` drawing; like a citation they need evidence. */
export const POINTS_AT_ASY = /\b(?:shaded|below|above|shown|labell?ed|drawn|figure|diagram|graph|picture|pictured|depicted|marked|indicated|illustrated|the following|stages?|(?:each|every|one) (?:square|box|region|cell)s?|the (?:grid|squares|boxes|circles|regions|cells|rows?|columns?)|ink|spinners?|dartboard|arrangement|pattern)\b/gi;

/** The reference only illustrates a case of a general statement: "shows the case $n=3$", "for $n=5$". */
export const EXAMPLE_ONLY = /^\W{0,3}(?:\w+\s+){0,3}?(?:for\s+§|(?:shows?|illustrates?|depicts?)\s+(?:the\s+case|an?\s+(?:example|sample|instance)|one\s+(?:such|example|possible)))/i;

/** Kind 2 evidence in the text: the objects are arranged or marked in a way only the drawing shows. */
export const ARRANGED = /\b(?:placed|put|written)\s+in\s+the\s+(?:figure|diagram)|\b(?:arranged|placed|lying|laid|positioned|stacked|connected|joined|stretched|tiled|folded|attached|glued|numbered|labell?ed|colou?red|painted)\s+(?:[\w§-]+,?\s+){0,3}?(?:as\s+(?:shown|pictured|illustrated|depicted|indicated)|in\s+the\s+(?:figure|diagram))|\b(?:marked|indicated)\s+(?:by|with|as)\b/i;

export const INLINE_TABLE = /\\begin\{(?:tabular|array|matrix)\}|^\s*\|.*\|\s*$/m;

interface Hit {
  index: number;
  text: string;
}

export function matches(re: RegExp, text: string): Hit[] {
  const out: Hit[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ index: m.index, text: m[0] });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** The first match that is not an example-only reference, with its sentence. */
export function firstDependencyHit(re: RegExp, prose: string): { evidence: string; sentence: string } | null {
  for (const h of matches(re, prose)) {
    if (EXAMPLE_ONLY.test(prose.slice(h.index + h.text.length, h.index + h.text.length + 60))) continue;
    return { evidence: around(prose, h.index, h.text.length), sentence: sentenceAt(prose, h.index) };
  }
  return null;
}

/** The first match that is not an example-only reference, as evidence. */
export function firstDependency(re: RegExp, prose: string): string | null {
  for (const h of matches(re, prose)) {
    if (EXAMPLE_ONLY.test(prose.slice(h.index + h.text.length, h.index + h.text.length + 60))) continue;
    return around(prose, h.index, h.text.length);
  }
  return null;
}


/**
 * A sentence that itself says what the drawing shows, so the drawing only illustrates it: the
 * object is regular or evenly spaced ("a regular 7-gon ... depicted below", "stations evenly
 * spaced ... as shown"), or the text constructs it ("cut out of the corner creating the new solid
 * shown"), or gives an example of it ("a solid such as the one shown below").
 */
export const TEXT_FIXES_DRAWING = /\b(?:regular|(?:evenly|equally|uniformly)\s+spaced|inscribed\s+in\s+(?:a|the)\s+unit\s+circle|creat(?:e|es|ed|ing)|form(?:s|ed|ing)?\s+(?:by|from)|obtained|resulting|such\s+as|for\s+example)\b/i;

/** The sentence of `prose` around `index`. */
export function sentenceAt(prose: string, index: number): string {
  const start = Math.max(prose.lastIndexOf('. ', index), prose.lastIndexOf('? ', index), prose.lastIndexOf('\n', index)) + 1;
  const ends = ['. ', '? ', '\n'].map((d) => prose.indexOf(d, index)).filter((i) => i >= 0);
  return prose.slice(start, ends.length ? Math.min(...ends) + 1 : prose.length);
}
