import { replaceCommandGroups } from './latex-scan.ts';

/**
 * Turns a written answer into a normal LaTeX-ish string the tokenizer understands.
 * Everything here is presentation (delimiters, spacing, units, wrappers); meaning is decided by the parser.
 */

/** Unit and filler words that may trail a numeric answer. Multi-letter only: "5m" could be 5·m. */
const UNIT_WORDS = [
  'cm', 'mm', 'km', 'meters?', 'metres?', 'inch(?:es)?', 'in', 'ft', 'feet', 'foot', 'yards?', 'yd', 'miles?', 'mi',
  'kg', 'grams?', 'lbs?', 'pounds?', 'ounces?', 'oz', 'sec(?:ond)?s?', 'min(?:ute)?s?', 'hours?', 'hrs?', 'days?',
  'weeks?', 'months?', 'years?', 'degrees?', 'deg', 'units?', 'sq', 'square', 'cubic', 'dollars?', 'cents?', 'liters?',
  'litres?', 'ml', 'mph', 'pct', 'percentage', 'percent', 'per ?cent', 'points?', 'people', 'students?', 'ways', 'times', 'coins?',
  'marbles', 'apples', 'pages', 'games', 'votes', 'seats', 'tiles', 'steps', 'moves', 'handshakes', 'triangles',
  'squares', 'numbers', 'integers', 'digits', 'sides', 'edges', 'vertices', 'faces', 'boxes', 'balls', 'cookies',
  'candies', 'books', 'hats', 'cars', 'boys', 'girls', 'men', 'women', 'children', 'rows', 'columns', 'cubes', 'USD',
  'm\\^2', 'm\\^3', 'cm\\^2', 'cm\\^3', 'm²', 'm³', 'cm²', 'cm³', 'km/h', 'm/s', 'mL', 'L',
];
const UNIT_RE = new RegExp(
  `([\\d}).])\\s*(?:${UNIT_WORDS.join('|')})(?:\\^\\{?[23]\\}?|[²³])?(?:\\s+(?:${UNIT_WORDS.join('|')}))?(?=\\s*(?:$|[,;)\\]}]|\\\\}))`,
  'g',
);

/** Text-like wrappers whose content is kept. */
const WRAPPERS = ['text', 'textbf', 'textit', 'textrm', 'texttt', 'textnormal', 'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt',
  'mbox', 'hbox', 'operatorname', 'boldsymbol', 'bm', 'mathbb', 'mathcal', 'emph', 'textup', 'rm', 'bf'];
const TEXTISH = new RegExp(`\\\\(?:${WRAPPERS.join('|')})\\s*\\{([^{}]*)\\}`, 'g');

const UNICODE: Array<[RegExp, string]> = [
  [/[−–—]/g, '-'], [/×/g, '\\times '], [/[·⋅]/g, '\\cdot '], [/÷/g, '\\div '], [/≤|⩽/g, '\\le '], [/≥|⩾/g, '\\ge '],
  [/≠/g, '\\ne '], [/π/g, '\\pi '], [/∞/g, '\\infty '], [/√/g, '\\sqrt '], [/²/g, '^2'], [/³/g, '^3'], [/∪/g, '\\cup '],
  [/∩/g, '\\cap '], [/∈/g, '\\in '], [/±/g, '\\pm '], [/°/g, '^\\circ'], [/≈/g, '\\approx '], [/θ/g, '\\theta '],
  [/α/g, '\\alpha '], [/β/g, '\\beta '], [/∅/g, '\\emptyset '], [/[€£¥₹]/g, ' '], [/[\u00a0\u2009\u202f]/g, ' '], [/[’‘]/g, "'"],
];

/** 0.1\overline{6} → exact fraction, because the tokenizer has no notion of repeating digits. */
function repeatingDecimals(s: string): string {
  return s.replace(/(-?)(\d*)\.(\d*)\\(?:overline|bar|dot)\s*\{(\d{1,30})\}/g, (_all, sign: string, ip: string, pre: string, rep: string) => {
    const nonRep = BigInt((ip || '0') + pre);
    const full = BigInt((ip || '0') + pre + rep);
    const num = full - nonRep;
    const den = (10n ** BigInt(rep.length) - 1n) * 10n ** BigInt(pre.length);
    return `${sign}(${num}/${den})`;
  });
}

/** Removes `$`, `\[ \]`, `\( \)` delimiters, keeping their contents. */
export function stripMathDelimiters(s: string): string {
  return s.replace(/\\[[\]()]/g, ' ').replace(/\$/g, ' ');
}

/** Answers typed by hand sometimes lose closing braces at the end ("\\frac{1}{2^{15}"); add them back. */
function closeBraces(s: string): string {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (depth < 0) return s;
  }
  return depth > 0 && depth <= 3 ? s + '}'.repeat(depth) : s;
}

export function normalize(input: string): string {
  let s = input.trim();
  if (s.length === 0) return s;
  // Fast path: plain integers and decimals, the bulk of real answers.
  if (SIMPLE_NUMBER.test(s)) return s;
  if (/[^\x00-\x7f]/.test(s)) for (const [re, rep] of UNICODE) if (re.test(s)) s = s.replace(re, rep);
  if (s.includes('$') || s.includes('\\(') || s.includes('\\[')) s = stripMathDelimiters(s).trim();
  if (SIMPLE_NUMBER.test(s)) return s;
  // Scientific notation typed as plain text: 1.5e3, 2E-4.
  if (/^-?\d+(?:\.\d+)?[eE][+-]?\d{1,4}$/.test(s)) {
    const [m, x] = s.split(/[eE]/);
    s = `${m}\\cdot 10^{${x}}`;
  }
  const hasCmd = s.includes('\\');
  // Plain text (no LaTeX command, no braces) writes exponents whole: x^11 and 2**10 are x¹¹ and 2¹⁰, while
  // LaTeX x^11 would be x¹·1.
  if (!hasCmd && !s.includes('{') && /(?:\^|\*\*)\s*-?\d{2}/.test(s)) s = s.replace(/(\^|\*\*)\s*(-?\d+(?:\.\d+)?)/g, '^{$2}');
  if (hasCmd) s = latexPresentation(s);
  s = s.replace(/%/g, ' ');
  if (s.includes('{,}')) s = s.replace(/(\d)\{,\}(?=\d{3})/g, '$1');
  if (s.includes('{-}')) s = s.replace(/\{-\}/g, '-');
  if (/[a-zA-Z]/.test(s)) s = s.replace(/\b(?:USD|Rs\.?|INR|EUR)\b/g, ' ');
  if (hasCmd) {
    // Trailing `\text{ cm}^2`-style units after a value.
    s = s.replace(/([\d})\].])\s*\\(?:text|mbox|mathrm|textbf|textit|rm|hbox|textnormal)\s*\{\s*[a-zA-Z][a-zA-Z .\/]*\}(?:\s*\^\s*\{?[23]\}?)?\s*$/g, '$1');
    s = s.replace(TEXTISH, (_m, c: string) => ` ${c} `);
    s = s.replace(TEXTISH, (_m, c: string) => ` ${c} `);
  }
  if (/[a-zA-Z²³]/.test(s)) s = s.replace(UNIT_RE, '$1');
  if (/[a-zA-Z]{2}/.test(s)) s = dropTrailingWords(numberWord(s));
  s = s.replace(/\s+/g, ' ').trim();
  if (hasCmd) {
    // "x = 1/3 \approx 0.33": the exact part before is the answer. "x \approx 11": nothing before
    // states a value (no digit), so the approximate value after it is the answer.
    const approx = s.search(/\\approx|\\simeq|\\sim(?![a-zA-Z])/);
    if (approx >= 0) {
      const before = s.slice(0, approx).trim();
      s = /\d/.test(before) ? before : s.slice(approx).replace(/^\\(?:approx|simeq|sim)/, '').trim();
    }
  }
  if (hasCmd) s = s.replace(/\\(?:lor|vee)(?![a-zA-Z])/g, ' or ');
  if (/\b(?:and|or)\b/.test(s)) s = s.replace(/\s*(?:,\s*)?\b(?:and|or)\b\s*(?:,\s*)?/g, ', ');
  s = s.replace(/^(?:,\s*)+|(?:\s*,)+$/g, '');
  s = s.replace(/[.\s]+$/, '');
  s = s.replace(/([\d}])\s*(?:''|")$/, '$1');
  s = s.replace(/^\s*(?:exactly|approximately|about|around)\s+(?=[-\d.\\])/i, '');
  // Whole-answer forms that are only unambiguous at the top level.
  if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^-?\d{1,3}(?: \d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/ /g, '');
  const mixed = /^(-?)(\d+)\s*\\frac\s*(?:\{(\d+)\}|(\d))\s*(?:\{(\d+)\}|(\d))$/.exec(s)?.filter((x) => x !== undefined)
    ?? /^(-?)(\d+)\s+(\d+)\/(\d+)$/.exec(s);
  if (mixed && BigInt(mixed[3]) < BigInt(mixed[4]) && mixed[2].length < 12) {
    s = `${mixed[1]}\\frac{${BigInt(mixed[2]) * BigInt(mixed[4]) + BigInt(mixed[3])}}{${mixed[4]}}`;
  }
  return s;
}

const SIMPLE_NUMBER = /^-?\d{1,400}(?:\.\d{1,400})?$/;

/** Whole numbers written as one English word: `\text{one}`, "twelve", "forty". */
const NUMBER_WORDS = new Map(
  ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
    'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'].map((w, i) => [w, String(i)] as const)
    .concat(['thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, i) => [w, String(30 + 10 * i)] as const)),
);

/**
 * An answer that is one number word and nothing else ("one", `\text{twelve}`) is that number. Only
 * alone: "one half", "two plus one" or "two thirds" are other values, and words after a number
 * word are not read as units.
 */
function numberWord(s: string): string {
  const m = /^\s*([A-Za-z]+)\s*\.?\s*$/.exec(s);
  return (m && NUMBER_WORDS.get(m[1].toLowerCase())) ?? s;
}

/** Words that are mathematics, not units or commentary, when they follow a number. */
const MATH_WORDS = new Set(['pi', 'sqrt', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'ln', 'lg', 'exp', 'mod', 'choose',
  'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'inf', 'infty', 'infinity', 'gcd', 'lcm', 'max', 'min', 'det', 'binom', 'cbrt']);

/**
 * "21 dogs", "784 ft.", "12 or more", "14 right triangles": a number followed only by words (units,
 * nouns, commentary) is that number. Letters that could be variables (single letters) and the
 * names of functions and constants are mathematics and stay.
 */
function dropTrailingWords(s: string): string {
  if (s.length > 200) return s;
  const m = /^(-?\d[\d,]*(?:\.\d+)?(?:\/\d+)?)\s+([A-Za-z][A-Za-z'-]+\.?(?:\s+[A-Za-z][A-Za-z'-]+\.?)*)$/.exec(s);
  if (!m) return s;
  const words = m[2].trim().split(/\s+/).map((w) => w.replace(/\.$/, '').toLowerCase());
  return words.some((w) => MATH_WORDS.has(w)) ? s : m[1];
}

/** LaTeX-only presentation: boxes, \left/\right, spacing, degree signs, escaped percent and currency. */
function latexPresentation(input: string): string {
  let s = input;
  // A doubled backslash before a command name is an escaping artefact, except inside environments where `\\` is a row break.
  if (!s.includes('\\begin')) s = s.replace(/(?<!\\)\\\\(?=[a-zA-Z])/g, '\\');
  if (s.includes('box')) s = replaceCommandGroups(s, ['boxed', 'fbox', 'framebox'], (c) => ` ${c} `);
  s = s.replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|big|Big|bigg|Bigg)(?![a-zA-Z])\s*(\\[{}|]|[.])?/g,
    (_m, d: string | undefined) => (d === '.' || d === undefined ? ' ' : d));
  s = s.replace(/\\[dtc]frac(?![a-zA-Z])/g, '\\frac').replace(/\\[dt]binom(?![a-zA-Z])/g, '\\binom');
  s = s.replace(/\\(?:displaystyle|textstyle|scriptstyle|limits|nolimits|mathstrut|phantom\s*(?:\{[^{}]*\}|-|\+)?)/g, ' ');
  // Thousands separators written with `{,}` or `,\!` (only between a digit and exactly three digits).
  s = s.replace(/(\d)\{,\}(?=\d{3})/g, '$1').replace(/(\d),\\!\s*(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/\\q?quad|(?<!\\)\\[,:;! >]|~|\\hspace\*?\{[^{}]*\}|\\enspace|\\thinspace/g, ' ');
  s = repeatingDecimals(s);
  s = s.replace(/\{-\}/g, '-').replace(/(?<!\\)\{(\d{1,3}(?:,\d{3})+)\}/g, (_m, d: string) => `{${d.replace(/,/g, '')}}`);
  s = closeBraces(s);
  // The real line, written as a set.
  s = s.replace(/^\s*\\mathbb\s*\{?R\}?\s*$|(\\in\s*)\\mathbb\s*\{?R\}?\s*$/, (_m, pre: string | undefined) => `${pre ?? ''}(-\\infty,\\infty)`);
  // 137^\circ 30' is degrees and minutes.
  s = s.replace(/(\d+)\s*\^\s*(?:\{\s*\\circ\s*\}|\\circ)\s*(\d+)\s*(?:'|\^\s*\{?\s*\\prime\s*\}?)/g, (_m, d: string, m: string) => `(${d}+${m}/60)`);
  // Degrees only decorate a final angle, but inside a trig function they are a unit to convert.
  if (/\\(?:sin|cos|tan|cot|sec|csc)(?![a-z])/.test(s)) s = s.replace(/\^\s*(?:\{\s*\\circ\s*\}|\\circ)/g, '(\\pi/180)');
  s = s.replace(/\^\s*(?:\{\s*\\circ\s*\}|\\circ)|\\circ(?![a-zA-Z])|\\degree(?![a-zA-Z])/g, ' ');
  s = s.replace(/\\%/g, ' ');
  s = s.replace(/\\\$|\\textdollar|\\euro|\\pounds/g, ' ');
  // Congruences: "N \equiv 672 \pmod{1000}" states the residue 672, the modulus is context.
  if (/\\[pb]?mod(?![a-zA-Z])/.test(s)) {
    s = s.replace(/\s*\\pmod\s*(?:\{[^{}]*\}|\d+|[a-zA-Z])\s*$|\s*\(\s*\\b?mod\s*(?:\{[^{}]*\}|\d+|[a-zA-Z])\s*\)\s*$/, '');
  }
  s = s.replace(/\\equiv(?![a-zA-Z])/g, '=');
  // {n \choose k} is \binom{n}{k}.
  if (s.includes('choose')) s = s.replace(/\{([^{}]*)\\choose([^{}]*)\}/g, '\\binom{$1}{$2}');
  return s;
}
