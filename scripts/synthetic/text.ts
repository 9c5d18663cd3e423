/**
 * Text perturbation: turns one real template into a distinct problem (numbers re-drawn
 * consistently across problem, solution and answer; names, objects and verbs swapped), plus the
 * light edits that make planted near duplicates, and a coarse answer-kind classifier for the
 * generation report.
 */
import type { Rng } from './prng.ts';
import type { Template } from './templates.ts';

const NUMBER = /(?<![\d.])\d+(?:\.\d+)?(?!\d)/g;

/**
 * Re-draws the numbers of the problem: each distinct number (except 0 and 1, and numbers with a
 * leading zero) gets a new value of the same shape, the same everywhere it appears, so the boxed
 * answer still reads like the answer of the new problem. At least two numbers change when
 * the problem has two.
 */
export function numberMap(problem: string, rng: Rng): Map<string, string> {
  const map = new Map<string, string>();
  const seen: string[] = [];
  for (const m of problem.matchAll(NUMBER)) {
    const t = m[0];
    if (map.has(t) || seen.includes(t)) continue;
    seen.push(t);
    if (seen.length > 40) break;
    if (t === '0' || t === '1' || (t.length > 1 && t[0] === '0')) continue;
    // exponents stay (a quadratic stays quadratic); subscripts and root indices stay one digit
    if (t.length === 1 && (problem.includes(`^${t}`) || problem.includes(`^{${t}}`))) continue;
    const small = t.length === 1 && (problem.includes(`_${t}`) || problem.includes(`[${t}]`));
    if (rng.chance(0.8) || seen.length <= 2) map.set(t, redraw(t, rng, small));
  }
  // few numbers to vary ("between 0 and 1"): vary the ones too
  if (map.size < 2 && seen.includes('1')) map.set('1', String(rng.int(2, 9)));
  return map;
}

function redraw(t: string, rng: Rng, small = false): string {
  const dot = t.indexOf('.');
  const int = dot < 0 ? t : t.slice(0, dot);
  const frac = dot < 0 ? '' : t.slice(dot + 1);
  let out: string;
  for (let tries = 0; ; tries++) {
    if (int.length === 1) out = String(small || rng.chance(0.6) ? rng.int(2, 9) : rng.int(10, 40));
    else out = String(rng.int(1, 9)) + Array.from({ length: int.length - 1 }, () => String(rng.int(0, 9))).join('');
    if (out !== int || tries > 4) break;
  }
  if (frac) out += '.' + Array.from({ length: frac.length }, (_, i) => String(i === frac.length - 1 ? rng.int(1, 9) : rng.int(0, 9))).join('');
  return out;
}

export function applyNumbers(text: string, map: Map<string, string>): string {
  if (map.size === 0) return text;
  return text.replace(NUMBER, (t) => map.get(t) ?? t);
}

// ---------------------------------------------------------------------------------------------
// Word swaps. Groups of interchangeable words; a per-item permutation maps each member to
// another member, applied to problem and solution alike.

const NAMES = (
  'Natalia Weng Betty Julie James Albert Mark Tina Alexis Randy Jasmine Jerry Gary Emily Sarah Tom ' +
  'John Mary Lisa Kevin Carla Maria Ben Jack Sam Anna Paul Mike Linda Alice Bob Carol David Ethan Fiona ' +
  'George Hannah Ian Julia Kyle Laura Noah Olivia Peter Quinn Rachel Steve Uma Victor Wendy Xavier ' +
  'Yara Zach Liam Mia Lucas Ava Mason Sophia Logan Isabella Owen Chloe Ella Henry Grace Leo Zoe Max ' +
  'Ruby Oscar Lily Felix Nora Hugo Ivy Jake Kate Luke Nina Ryan Tara Adam Beth Carlos Diana Eric Gina ' +
  'Harold Irene Jose Karen Lucy Marco Nadia Omar Priya Raj Sofia Tyler Vera Walter Yuki Amir Bella'
).split(' ');

const GROUPS: string[][] = [
  ['Find', 'Determine', 'Compute', 'Calculate'],
  ['find', 'determine', 'compute', 'calculate'],
  ['smallest', 'least', 'minimum'],
  ['largest', 'greatest', 'maximum'],
  ['Suppose', 'Assume'],
  ['apples', 'oranges', 'pears', 'peaches', 'plums', 'lemons', 'mangoes'],
  ['cookies', 'muffins', 'cupcakes', 'brownies', 'biscuits'],
  ['books', 'notebooks', 'magazines', 'comics', 'novels'],
  ['cars', 'trucks', 'bikes', 'vans', 'buses'],
  ['dogs', 'cats', 'rabbits', 'hamsters', 'puppies'],
  ['students', 'pupils', 'children', 'kids'],
  ['marbles', 'beads', 'buttons', 'stickers', 'coins'],
  ['pencils', 'pens', 'crayons', 'markers'],
  ['boxes', 'crates', 'bags', 'baskets', 'cartons'],
  ['bought', 'purchased', 'got'],
  ['store', 'shop', 'market'],
  ['friends', 'classmates', 'cousins', 'neighbors'],
  ['garden', 'yard', 'field', 'orchard'],
  ['hours', 'hours'],
  ['chickens', 'ducks', 'geese', 'hens'],
  ['shirts', 'hats', 'scarves', 'jackets'],
  ['candies', 'chocolates', 'lollipops', 'gumballs'],
  ['flowers', 'roses', 'tulips', 'daisies'],
  ['pizza', 'pie', 'cake'],
  ['teacher', 'coach', 'tutor'],
  ['farmer', 'gardener', 'baker', 'shopkeeper'],
  ['trip', 'journey', 'outing'],
  ['jar', 'bowl', 'basket', 'bin'],
  ['Express', 'Write', 'Give'],
  ['real numbers', 'reals'],
  ['triangle', 'triangle'],
  ['consider', 'take'],
  ['Consider', 'Take'],
  ['satisfies', 'fulfils', 'meets'],
  ['such that', 'so that', 'for which'],
  ['positive integer', 'positive whole number'],
  ['probability', 'chance'],
  ['arranged', 'placed', 'put'],
  ['different', 'distinct'],
  ['the sum of', 'the total of', 'the sum of all'],
  // spelled-out numbers (GSM8K-style texts often have no digits)
  ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
  ['Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'],
  ['twice', 'three times', 'four times', 'five times'],
  ['half', 'a third', 'a quarter'],
  ['twenty', 'thirty', 'forty', 'fifty', 'sixty'],
  ['first', 'first'],
  ['dozen', 'score'],
];

const WORD_INDEX = new Map<string, { group: number }>();
for (const n of NAMES) WORD_INDEX.set(n, { group: -1 });
GROUPS.forEach((g, i) => g.forEach((w) => WORD_INDEX.set(w, { group: i })));
// A plain word scanner with a lookup table (a regex alternation of all words was a hot spot).
// Words of fewer than three letters are not listed (except the phrases starting with "a").
const PHRASES = new Map<string, string[]>();
for (const w of WORD_INDEX.keys()) {
  if (!w.includes(' ')) continue;
  const first = w.split(' ')[0];
  if (!PHRASES.has(first)) PHRASES.set(first, []);
  PHRASES.get(first)!.push(w);
}
for (const ps of PHRASES.values()) ps.sort((a, b) => b.length - a.length);
const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

export interface Hit {
  index: number;
  word: string;
}

const letterCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

// Templates are perturbed many times: their word hits are cached (cleared when large). Texts
// that are not templates go through `wordHits` (not cached, so they are not kept alive).
const hitCache = new Map<string, Hit[]>();

/** Occurrences of listed words and phrases, left to right, non-overlapping. */
function findWords(text: string, cache = true): Hit[] {
  if (!cache) return scanWords(text);
  let hits = hitCache.get(text);
  if (hits === undefined) {
    if (hitCache.size >= 60_000) hitCache.clear();
    hits = scanWords(text);
    hitCache.set(text, hits);
  }
  return hits;
}

function scanWords(text: string): Hit[] {
  const hits: Hit[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!letterCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && letterCode(text.charCodeAt(j))) j++;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (j - i >= 3 && !(prev >= 48 && prev <= 57) && prev !== 92) {
      const w = text.slice(i, j);
      const phrases = PHRASES.get(w);
      let done = false;
      if (phrases) {
        for (const p of phrases) {
          if (text.startsWith(p, i) && !isLetter(text[i + p.length])) {
            hits.push({ index: i, word: p });
            j = i + p.length;
            done = true;
            break;
          }
        }
      }
      if (!done && WORD_INDEX.has(w)) hits.push({ index: i, word: w });
    } else if (j - i === 1 && text.charCodeAt(i) === 97) {
      // "a third", "a quarter"
      const phrases = PHRASES.get('a');
      if (phrases) for (const p of phrases) if (text.startsWith(p, i) && !isLetter(text[i + p.length]) && !(prev >= 48 && prev <= 57) && prev !== 92) {
        hits.push({ index: i, word: p });
        j = i + p.length;
        break;
      }
    }
    i = j;
  }
  return hits;
}

/** A per-item word substitution (names consistent: Natalia→Priya everywhere). */
export function wordMap(text: string, rng: Rng, rate = 0.85, hits = findWords(text)): Map<string, string> {
  const map = new Map<string, string>();
  const usedNames = new Set<string>();
  for (const { word: w } of hits) {
    if (map.has(w)) continue;
    const e = WORD_INDEX.get(w)!;
    if (!rng.chance(rate)) {
      map.set(w, w);
      continue;
    }
    if (e.group < 0) {
      let n = rng.pick(NAMES);
      for (let i = 0; i < 5 && (n === w || usedNames.has(n)); i++) n = rng.pick(NAMES);
      usedNames.add(n);
      map.set(w, n);
    } else map.set(w, rng.pick(GROUPS[e.group]));
  }
  return map;
}

/** Word positions of a text that is not a template (not cached). */
export function wordHits(text: string): Hit[] {
  return findWords(text, false);
}

export function applyWords(text: string, map: Map<string, string>, hits?: Hit[]): string {
  if (map.size === 0) return text;
  hits ??= findWords(text);
  if (hits.length === 0) return text;
  let out = '';
  let last = 0;
  for (const h of hits) {
    const to = map.get(h.word);
    if (to === undefined || to === h.word) continue;
    out += text.slice(last, h.index) + to;
    last = h.index + h.word.length;
  }
  return last === 0 ? text : out + text.slice(last);
}

const OPENERS = [
  'Solve the following problem.',
  'Consider the following problem.',
  'Answer the question below.',
  'Work out the following.',
  'Here is a problem from a practice set.',
  'Try this one.',
  'A quick exercise:',
  'From a homework sheet:',
  'Read carefully and solve.',
  'This question comes from a review worksheet.',
  'Problem:',
  'Question:',
  'Warm-up:',
  'Challenge problem.',
  'Exercise:',
  'From a practice test:',
  'Solve:',
  'A contest-style question.',
  'Think about the following.',
  'Here is a question to work on.',
  'A review problem.',
  'Practice question:',
  'Task:',
];
const CLOSERS = [
  'Show your work.',
  'Justify your answer.',
  'Give an exact answer.',
  'Explain your reasoning.',
  'Simplify your answer as much as possible.',
  'Give the answer only after a complete argument.',
  'Check your answer at the end.',
  'State the final answer clearly.',
  'Write out each step.',
  'No calculator is allowed.',
  'A calculator may be used.',
  'Answer in simplest form.',
];

export interface Perturbed extends Template {
  numbers: Map<string, string>;
  words: Map<string, string>;
  vars: Map<string, string>;
}

// Variables: single lower-case letters inside math, renamed consistently (x → t).
const MATH_SEGMENT = /(?<!\\)\$\$[\s\S]*?(?<!\\)\$\$|(?<!\\)\$(?:[^$\\]|\\[\s\S])*?(?<!\\)\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)/g;
const VAR = /(?<![\\a-zA-Z])[a-z](?![a-zA-Z])/g;
const VAR_CANDIDATES = 'abckmnpqrstuvwxyz';

/** Renames some variables of the problem's math to letters the problem and solution do not use. */
export function varMap(problem: string, solution: string, rng: Rng): Map<string, string> {
  const map = new Map<string, string>();
  if (/(?<!\\)\$\d/.test(problem)) return map; // `$12` is money here, not math
  const used = new Set<string>();
  const glued = new Set<string>(); // letters written next to others (`mx`, `xy`): renaming one would break the product
  for (const seg of problem.match(MATH_SEGMENT) ?? []) {
    for (const v of seg.match(VAR) ?? []) used.add(v);
    for (const w of seg.replace(/\\[a-zA-Z]+/g, ' ').match(/[a-z]{2,}/g) ?? []) for (const c of w) glued.add(c);
  }
  for (const c of glued) used.delete(c);
  const taken = new Set<string>(used);
  for (const seg of solution.match(MATH_SEGMENT) ?? []) for (const v of seg.match(VAR) ?? []) taken.add(v);
  const free = [...VAR_CANDIDATES].filter((c) => !taken.has(c));
  for (const v of [...used].sort()) {
    if (!VAR_CANDIDATES.includes(v) || free.length === 0 || !rng.chance(0.5)) continue;
    const k = rng.int(0, free.length - 1);
    map.set(v, free[k]);
    free.splice(k, 1);
  }
  pointMap(problem, solution, rng, map);
  return map;
}

// Point labels: upper-case letters inside math ($ABCD$ → $PQRS$), not in command names; the
// letters of number sets (\\mathbb{R}, N, Z, Q, C) are left alone.
const POINT = /(?<!\\[a-zA-Z]*)[ABDEFGHKLMOPSTUVWXY](?![a-z])/g;
const POINT_CANDIDATES = 'ABDEFGHKLMOPSTUVWXY';

function pointMap(problem: string, solution: string, rng: Rng, map: Map<string, string>): void {
  const used = new Set<string>();
  for (const seg of problem.match(MATH_SEGMENT) ?? []) for (const v of seg.match(POINT) ?? []) used.add(v);
  if (used.size === 0 || used.size > 8) return;
  const taken = new Set<string>(used);
  for (const seg of solution.match(MATH_SEGMENT) ?? []) for (const v of seg.match(POINT) ?? []) taken.add(v);
  const free = [...POINT_CANDIDATES].filter((c) => !taken.has(c));
  for (const v of [...used].sort()) {
    if (free.length === 0 || !rng.chance(0.6)) continue;
    const k = rng.int(0, free.length - 1);
    map.set(v, free[k]);
    free.splice(k, 1);
  }
}

export function applyVars(text: string, map: Map<string, string>, wholeIsMath = false): string {
  if (map.size === 0) return text;
  const f = (seg: string) => seg.replace(VAR, (v) => map.get(v) ?? v).replace(POINT, (v) => map.get(v) ?? v);
  return wholeIsMath ? f(text) : text.replace(MATH_SEGMENT, f);
}

/** A distinct problem from a template: numbers re-drawn, words swapped, sometimes an opener. */
export function perturb(t: Template, rng: Rng, opener = 0.25): Perturbed {
  const numbers = numberMap(t.problem, rng);
  const words = wordMap(t.problem, rng);
  const vars = varMap(t.problem, t.solution, rng);
  // words first, on the template text itself (cached word positions), then numbers and variables
  let problem = applyVars(applyNumbers(applyWords(t.problem, words), numbers), vars);
  // little to vary (few numbers, names or variables): an opener and a closer keep siblings apart
  const few = numbers.size + vars.size + [...words].filter(([a, b]) => a !== b).length < 3;
  if (rng.chance(few ? 0.8 : opener)) problem = `${rng.pick(OPENERS)} ${problem}`;
  if (rng.chance(few ? 0.8 : opener / 2)) problem = `${problem.trimEnd()} ${rng.pick(CLOSERS)}`;
  if (problem === t.problem) problem = `${rng.pick(OPENERS)} ${problem}`;
  return {
    problem,
    solution: applyVars(applyNumbers(applyWords(t.solution, words), numbers), vars),
    answer: applyVars(applyNumbers(applyWords(t.answer, words), numbers), vars, true),
    numbers,
    words,
    vars,
  };
}

// ---------------------------------------------------------------------------------------------
// Near-duplicate edits. "typeset" edits vanish under the dedup normaliser (they become exact
// duplicates after normalisation); "lexical" edits change a word and need MinHash to be caught.

export type NearKind = 'typeset' | 'lexical';

const FILLERS = ['Problem: ', 'Question: ', 'Please solve: ', 'Exercise. '];

export function nearEdit(problem: string, rng: Rng): { text: string; kind: NearKind; edit: string } {
  const typeset: [string, (s: string) => string | null][] = [
    ['dfrac', (s) => (s.includes('\\dfrac') ? s.replace('\\dfrac', '\\frac') : s.includes('\\frac') ? s.replace('\\frac', '\\dfrac') : null)],
    ['whitespace', (s) => (s.includes(' ') ? s.replace(/ /, '  ').replace(/\n/, '\n\n') + ' ' : null)],
    ['final_period', (s) => (/[.]\s*$/.test(s) ? s.replace(/[.]\s*$/, '') : /[?]\s*$/.test(s) ? null : s + '.')],
    ['math_delimiters', (s) => {
      const m = /\$([^$\n]{1,40})\$/.exec(s);
      return m && s[m.index - 1] !== '$' && s[m.index + m[0].length] !== '$' ? s.slice(0, m.index) + `\\(${m[1]}\\)` + s.slice(m.index + m[0].length) : null;
    }],
    ['left_right', (s) => (s.includes('(') && /\$[^$]*\([^$]*\)[^$]*\$/.test(s) ? s.replace(/\$([^$]*?)\(([^$()]*)\)/, '$$$1\\left($2\\right)') : null)],
  ];
  const lexical: [string, (s: string) => string | null][] = [
    ['word_swap', (s) => swapOneWord(s, rng)],
    ['filler', (s) => rng.pick(FILLERS) + s],
    ['drop_the', (s) => (/ the /.test(s) ? s.replace(/ the /, ' ') : null)],
    ['comma', (s) => (s.includes(', ') ? s.replace(', ', ' ; ') : null)],
  ];
  const first = rng.chance(0.5) ? typeset : lexical;
  const order = [...rng.sample(first, first.length), ...rng.sample(first === typeset ? lexical : typeset, 5)];
  for (const [name, f] of order) {
    const out = f(problem);
    if (out !== null && out !== problem) return { text: out, kind: typeset.some(([n]) => n === name) ? 'typeset' : 'lexical', edit: name };
  }
  return { text: `Question: ${problem}`, kind: 'lexical', edit: 'filler' };
}

function swapOneWord(s: string, rng: Rng): string | null {
  const hits = findWords(s).filter((h) => WORD_INDEX.get(h.word)!.group !== -1);
  if (hits.length === 0) return null;
  const h = rng.pick(hits);
  const others = GROUPS[WORD_INDEX.get(h.word)!.group].filter((w) => w !== h.word);
  if (others.length === 0) return null;
  return s.slice(0, h.index) + rng.pick(others) + s.slice(h.index + h.word.length);
}

// ---------------------------------------------------------------------------------------------

/** Coarse kind of a final answer, for the generation report. */
export function answerKind(a: string): string {
  const s = a.trim().replace(/^\$|\$$/g, '').replace(/\\[,;!]|\\ /g, '').trim();
  if (/^(?:\\text(?:bf)?\{\s*)?\(?[A-E]\)?\s*\}?$/.test(s) || /^\\text(?:bf)?\{\s*\([A-E]\)/.test(s)) return 'option_letter';
  if (/^-?\d{1,3}(?:,\d{3})+$|^-?\d+$/.test(s)) return 'integer';
  if (/^-?\d*\.\d+$/.test(s)) return 'decimal';
  if (/[\u4e00-\u9fff]/.test(s)) return 'text_chinese';
  if (/^\\text\{[^}]*\s[^}]*\}|^\\text\{[A-Za-z]{2,}\}$/.test(s) || /^[A-Za-z]{2,}(?:\s+[A-Za-z]+)+$/.test(s)) return 'text';
  if (/^\\\{.*\\\}$|^\{.*\}$/.test(s)) return 'set';
  if (/\\infty|\\cup/.test(s) || /^[[(].*,.*[\])]$/.test(s) && s[0] + s[s.length - 1] !== '()') return 'interval';
  if (/^\(.*,.*\)$/.test(s) || /pmatrix/.test(s)) return 'tuple';
  if (/\\sqrt/.test(s)) return 'radical';
  if (/^-?\\[dt]?frac\{\d+\}\{\d+\}$|^-?\d+\/\d+$/.test(s)) return 'fraction';
  if (/[=<>]|\\le|\\ge/.test(s)) return 'equation_or_inequality';
  if (/[a-zA-Z\\]/.test(s)) return 'expression';
  return 'other';
}

/**
 * Index of the `}` closing the brace group that starts at `open` (escaped characters skipped),
 * or `text.length` when it is never closed.
 */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  let j = open;
  for (; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) break;
  }
  return j;
}

/** Removes `\boxed{...}` wrappers (keeping the contents), brace-matched. */
export function unbox(text: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const k = text.indexOf('\\boxed{', i);
    if (k < 0) return out + text.slice(i);
    out += text.slice(i, k);
    const j = closingBrace(text, k + 6);
    if (j >= text.length) return out + text.slice(k);
    out += text.slice(k + 7, j);
    i = j + 1;
  }
}

/** Replaces the contents of the last `\boxed{...}` (or appends one). */
export function reboxLast(text: string, answer: string): string {
  const k = text.lastIndexOf('\\boxed{');
  if (k < 0) return `${text}\n\nThe answer is $\\boxed{${answer}}$.`;
  return text.slice(0, k + 7) + answer + text.slice(closingBrace(text, k + 6));
}
