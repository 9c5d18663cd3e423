import { diffArrays } from 'diff';
import { isWordChar } from './code-units.ts';
import { murmur3AsciiRange, murmur3String } from './murmur3.ts';
import { type TokenRanges, tokenRanges } from './token-ranges.ts';

/**
 * "Two problems, not one": the question tokens of a problem and the rule that tells a copy
 * (reformatted, or reworded without changing what is asked) from a sibling that shares the
 * setup but asks something else ("... the word TOOT" vs "... ALABAMA", "largest" vs "smallest",
 * "an altitude" vs "a median", "distinguishable" vs "indistinguishable", a different event in a
 * shared card-deck preamble).
 *
 * Tokens: the normalised text's words (stemmed), numbers, single math letters, LaTeX command
 * names and operators, in order; punctuation and brackets are dropped. Each token is hashed and
 * its class kept in the low two bits: 0 filler (articles, question verbs, answer-format words,
 * personal names), 1 content, 2 negation.
 *
 * Rule (`questionChanged`): diff the two token sequences (Myers, `diff` package); a hunk changes
 * the question when
 *   - either side has a negation ("balls are not distinguishable but boxes are" vs "... boxes
 *     are not": the same words, moved), or
 *   - both sides are non-empty and at least one has content ("largest" -> "smallest",
 *     "divisible by 3" -> "there", "COMBINATION" -> "TEPEE", "3n ... 2n" -> "2n ... 3n"), or
 *   - one side is empty, the other has content, and the hunk is inside the text (not at its
 *     start or end): "Find A-B" vs "Find B", "the area" vs "the closest integer to the area".
 *     Text added at the start or end is a label, a score, an answer-format sentence, a note or
 *     the answer options of one copy: still the same problem.
 */

const CLASS_FILLER = 0;
const CLASS_CONTENT = 1;
const CLASS_NEGATION = 2;
/** A full stop, question or exclamation mark (normalisation drops the space after it): text added after one is an added sentence. */
const CLASS_BOUNDARY = 3;
/** Bit 2 of a token marks a number. */
const NUMBER_BIT = 4;
/** Words of a leading label or score ("Problem 3.", "(5 points)"). */
const LABEL_WORDS = new Set(['problem', 'point', 'mark', 'question', 'exercise', 'example', 'task']);

/** Words whose change leaves the question the same (wording, answer format, glue). */
const FILLER = new Set(
  (
    'a an the this that these those there here it its is are was were be been being am do does did done ' +
    'find compute determine calculate evaluate give what which who whom whose how why when where ' +
    'value values of to in on at by for from with as into onto than then so such also and or ' +
    'if let suppose given assume note that please express answer your you we us our i me my ' +
    'form simplest common fraction fractions terms lowest enter separated commas comma ' +
    'following below above shown diagram figure respectively each all possible ' +
    'can could may might must should will would shall has have had ' +
    'number numbers quantity result he she her his him they them their it one\'s ' +
    'begin end align aligned array cases pmatrix bmatrix matrix frac sqrt text mathrm mathbf mathit textbf boldsymbol ' +
    'operatorname overline underline hat bar vec displaystyle mbox bullet item ldots cdots dots quad circ'
  )
    .split(' ')
    .filter(Boolean),
);
/** Words that flip what is asked wherever they move. */
const NEGATION = new Set(['not', 'no', 'cannot', 'never', 'neither', 'nor', 'without', 'except', 'excluding', 'none', 'non']);
/**
 * Letters, digits, LaTeX command names. Operators and punctuation are left out: the value-token
 * rule (template-siblings.ts) compares operators, and here they mostly differ by typesetting
 * ("16-ounce" vs "16 ounce", `f(x)/y` vs `\frac{f(x)}y`).
 */
const TOKEN = /\\[A-Za-z]+|\p{L}+|[0-9]+(?:\.[0-9]+)?|[.?!]/gu;
/**
 * Title-case words after a lower-case word or a comma in the original: personal and place names.
 * The matches of `/(?<=[a-z,;] )[A-Z][a-z]+\b/g` (lower-cased), found by a scan: the regex tries
 * its lookbehind at every position, a third of the cost of the question tokens.
 */
function namesIn(original: string): Set<string> {
  const names = new Set<string>();
  const len = original.length;
  for (let i = original.indexOf(' ') + 1; i > 0 && i < len; i = original.indexOf(' ', i) + 1) {
    // i: just after a space
    const before = original.charCodeAt(i - 2);
    if (!((before >= 97 && before <= 122) || before === 44 || before === 59)) continue;
    const c = original.charCodeAt(i);
    if (c < 65 || c > 90) continue;
    let e = i + 1;
    while (e < len && isLower(original.charCodeAt(e))) e++;
    // [a-z]+ then a word boundary: at least one lower-case letter, then no word character
    if (e > i + 1 && (e === len || !isWordChar(original.charCodeAt(e)))) names.add(original.slice(i, e).toLowerCase());
  }
  return names;
}
const isLower = (c: number) => c >= 97 && c <= 122;
const QUESTION_SEED = 0x2f6b3a1d;

/** Light stemming so "colors"/"color", "distances"/"distance", "zeroes"/"zeros" agree. */
function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && (w.endsWith('s') || w.endsWith('e')) && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

function classify(tok: string, names: Set<string>): { key: string; cls: number } {
  if (/^[.?!]$/.test(tok)) return { key: '.', cls: CLASS_BOUNDARY };
  if (/^[0-9]/.test(tok) || tok.length === 1) return { key: tok, cls: CLASS_CONTENT };
  // a command name reads as its word: `\triangle ABC` and "triangle ABC" agree
  const w = (tok.startsWith('\\') ? tok.slice(1) : tok).toLowerCase();
  if (NEGATION.has(w)) return { key: w, cls: CLASS_NEGATION };
  if (FILLER.has(w) || names.has(w)) return { key: w, cls: CLASS_FILLER };
  return { key: stem(w), cls: CLASS_CONTENT };
}

function tokenValue(key: string, cls: number): number {
  return ((murmur3String(key, QUESTION_SEED) & ~7) | (/^[0-9]/.test(key) ? NUMBER_BIT : 0) | cls) >>> 0;
}

/**
 * Token values by token text, in an open-addressing table keyed by an FNV-1a hash of the
 * token's code units (checked against the stored text), so a token is read straight from the
 * normalised text: no string per token once its text has been seen. Each entry keeps the
 * lower-cased word a personal name would match (null when a name cannot change the token:
 * boundaries, numbers, letters, negations, filler words) and the value it then takes. Problems
 * share most of their words; the table is emptied when full so a long run cannot grow it.
 */
const TABLE_BITS = 16;
const TABLE_MAX = 1 << (TABLE_BITS - 1);
/** Per slot, the token's hash and its entry + 1 (0: empty), side by side so a probe reads one cache line. */
const slots = new Int32Array(2 << TABLE_BITS);
const entryText: string[] = [];
const entryPlain = new Uint32Array(TABLE_MAX);
const entryWord: (string | null)[] = [];
const entryAsName = new Uint32Array(TABLE_MAX);
let entries = 0;

function entryFor(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  const mask = (1 << TABLE_BITS) - 1;
  let k = h & mask;
  for (let e = slots[2 * k + 1]; e !== 0; e = slots[2 * k + 1]) {
    if (slots[2 * k] === h && sameText(entryText[e - 1], s, start, end)) return e - 1;
    k = (k + 1) & mask;
  }
  if (entries >= TABLE_MAX) {
    slots.fill(0);
    entries = entryText.length = entryWord.length = 0;
    return entryFor(s, start, end);
  }
  const tok = s.slice(start, end);
  const { key, cls } = classify(tok, NO_NAMES);
  const w = cls === CLASS_CONTENT && !/^[0-9]/.test(tok) && tok.length > 1 ? (tok.startsWith('\\') ? tok.slice(1) : tok).toLowerCase() : null;
  const e = entries++;
  entryText.push(tok);
  entryPlain[e] = tokenValue(key, cls);
  entryWord.push(w);
  entryAsName[e] = w === null ? 0 : tokenValue(w, CLASS_FILLER);
  slots[2 * k] = h;
  slots[2 * k + 1] = e + 1;
  return e;
}

function sameText(t: string, s: string, start: number, end: number): boolean {
  if (t.length !== end - start) return false;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) !== s.charCodeAt(start + i)) return false;
  return true;
}
const NO_NAMES = new Set<string>();

/** Question tokens of a normalised text (`original`: the text before normalisation, for names). */
export function questionTokens(normalized: string, original?: string): Uint32Array {
  return questionTokensOf(normalized, tokenRanges(normalized), original);
}

/**
 * `questionTokens` from the shingle tokens of the text (token-ranges.ts): the tokens of TOKEN
 * are its word tokens and its `.`, `?` and `!`, read in place.
 */
export function questionTokensOf(s: string, tokens: TokenRanges, original?: string): Uint32Array {
  const names = original ? namesIn(original) : NO_NAMES;
  const { start, end, word } = tokens;
  if (values.length < tokens.count) values = new Uint32Array(Math.max(tokens.count, values.length * 2));
  let n = 0;
  for (let t = 0; t < tokens.count; t++) {
    const i = start[t];
    const c = s.charCodeAt(i);
    if (word[t] === 0 && c !== 46 && c !== 63 && c !== 33) continue;
    if (c >= 48 && c <= 57) {
      // a number is content keyed by itself: hashed in place, kept out of the table (numbers are many)
      let h = murmur3AsciiRange(s, i, end[t], QUESTION_SEED);
      if (h < 0) h = murmur3String(s.slice(i, end[t]), QUESTION_SEED); // longer than the scratch buffer
      values[n++] = ((h & ~7) | NUMBER_BIT | CLASS_CONTENT) >>> 0;
      continue;
    }
    const e = entryFor(s, i, end[t]);
    const w = entryWord[e];
    values[n++] = w !== null && names.size > 0 && names.has(w) ? entryAsName[e] : entryPlain[e];
  }
  return values.slice(0, n);
}
/** Token values of the text being read (reused; a text has at most one token per code unit). */
let values = new Uint32Array(1 << 12);

/** True when the two token sequences ask different questions (see the rule above). */
export function questionChanged(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return questionChange(a, b) !== null;
}

/** The first hunk that changes the question, as token ranges [startA, endA, startB, endB], or null. */
export function questionChange(a: ArrayLike<number>, b: ArrayLike<number>): [number, number, number, number] | null {
  const parts = diffArrays(Array.from(a), Array.from(b));
  let posA = 0;
  let posB = 0;
  for (let k = 0; k < parts.length; ) {
    if (!parts[k].added && !parts[k].removed) {
      posA += parts[k].count ?? parts[k].value.length;
      posB += parts[k].count ?? parts[k].value.length;
      k++;
      continue;
    }
    // a hunk: consecutive removed/added parts
    const removed: number[] = [];
    const added: number[] = [];
    const startA = posA;
    const startB = posB;
    for (; k < parts.length && (parts[k].added || parts[k].removed); k++) {
      if (parts[k].removed) removed.push(...parts[k].value);
      else added.push(...parts[k].value);
    }
    posA += removed.length;
    posB += added.length;
    const at = startA === 0 && startB === 0 ? 'start' : posA === a.length && posB === b.length ? 'end' : 'inside';
    if (hunkChanges(removed, added, at)) return [startA, posA, startB, posB];
  }
  return null;
}

/** The raw tokens `questionTokens` hashes (for evidence and debugging). */
export function questionTokenText(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

function hunkChanges(x: number[], y: number[], at: 'start' | 'end' | 'inside'): boolean {
  const cls = (t: number) => t & 3;
  const content = (s: number[]) => s.some((t) => cls(t) === CLASS_CONTENT);
  const negations = (s: number[]) => s.filter((t) => cls(t) === CLASS_NEGATION).length;
  // a negation added, dropped or moved ("except" -> "excluding" keeps one on each side)
  if (negations(x) !== negations(y)) return true;
  if (x.length > 0 && y.length > 0) return content(x) || content(y);
  const side = x.length > 0 ? x : y;
  if (!content(side)) return false;
  // added at the end after a full stop: an answer-format sentence, a note, the answer options
  if (at === 'end') return cls(side[0]) !== CLASS_BOUNDARY;
  // added at the start: a label or score ending in a full stop, or numbers and label words
  if (at === 'start') return cls(side[side.length - 1]) !== CLASS_BOUNDARY && !side.every(isLabelToken);
  return true;
}

function isLabelToken(t: number): boolean {
  return (t & 3) !== CLASS_CONTENT || (t & NUMBER_BIT) !== 0 || LABELS.has(t);
}

const LABELS = new Set([...LABEL_WORDS].map((w) => ((murmur3String(w, QUESTION_SEED) & ~7) | CLASS_CONTENT) >>> 0));
