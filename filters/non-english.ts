import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BoundedCache } from '../checker/cache.ts';
import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { proseOnly } from './text/latex.ts';

/**
 * The problem is mainly not in English. Two rules on the prose (LaTeX, Asymptote and markup
 * removed, since formulas are language-neutral and mislead detectors):
 * 1. script: a run of letters from a non-Latin script (Han, Cyrillic, Arabic, ...) that is a
 *    real share of the prose. Greek is excluded: it is used for math symbols (α, π, Δ).
 * 2. detector: `eld` on Latin-script prose long enough to judge, firing only when it is
 *    confident of another language; short prose ("Compute $x$.") is too little evidence.
 */
const NON_LATIN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Thai}\p{Script=Armenian}\p{Script=Georgian}]/gu;
/** Everything but letters: removing it leaves the letters (counted without a string per letter). */
const NOT_LETTERS = /\P{L}+/gu;
/** Detector input shorter than this (letters) is not judged. */
const MIN_LETTERS = 20;
/** Prose beyond this many characters is not fed to the detector. */
const MAX_CHARS = 300;

/**
 * English function words. Prose in which they are a large share of the words is English without
 * asking the detector: that settles almost every problem, and the detector (whose n-gram tables
 * take ~1.5 s to load and ~100 µs per text) is loaded only for the rest.
 */
const ENGLISH = new Set(
  ('the of and a an to in is are be that it for on with as by at from this which what how many ' +
    'find if then let its their there was were has have each all any such than when where who ' +
    'whose given number value determine compute calculate show what\'s or not into can does').split(' '),
);
const WORD = /[a-z']+/g;
/**
 * ENGLISH by a 32-bit hash of the lower-cased word: plain-ASCII prose is then counted in place,
 * without a string per word (a hash hit is confirmed letter by letter).
 */
const BY_HASH = new Map<number, string>();
for (const w of ENGLISH) {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  if (BY_HASH.has(h)) throw new Error(`non_english: ${w} and ${BY_HASH.get(h)} share a hash`);
  BY_HASH.set(h, w);
}

/** `text[start, start + w.length)` lower-cased is `w` (ASCII). */
function isWordAt(text: string, start: number, w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== w.charCodeAt(i)) return false;
  }
  return true;
}

export function mostlyEnglishWords(prose: string): boolean {
  const counts = asciiWordCounts(prose, Math.min(prose.length, MAX_CHARS));
  let words: number, hits = 0;
  if (counts !== null) [words, hits] = counts;
  else {
    // (lower-casing other scripts may yield ASCII letters: K, the Kelvin sign, becomes k)
    const found = prose.slice(0, MAX_CHARS).toLowerCase().match(WORD) ?? [];
    words = found.length;
    for (const w of found) if (ENGLISH.has(w)) hits++;
  }
  return words >= 6 && hits >= 3 && hits >= 0.25 * words;
}

/**
 * The words of `text.slice(0, end).toLowerCase().match(WORD)` and how many are in ENGLISH, read
 * in place; null when the text is not plain ASCII there.
 */
function asciiWordCounts(text: string, end: number): [words: number, hits: number] | null {
  let words = 0, hits = 0, h = 0, start = 0;
  for (let i = 0; i <= end; i++) {
    let c = i < end ? text.charCodeAt(i) : 0;
    if (c > 127) return null;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || c === 39) h = (Math.imul(h, 31) + c) | 0;
    else {
      if (i > start) {
        words++;
        const w = BY_HASH.get(h);
        if (w !== undefined && w.length === i - start && isWordAt(text, start, w)) hits++;
      }
      h = 0;
      start = i + 1;
    }
  }
  return [words, hits];
}

/** No code unit beyond ASCII. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Letters of an ASCII text. */
function asciiLetters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) n++;
  }
  return n;
}

type Eld = typeof import('eld/small').eld;
let detector: Eld | null = null;
function eld(): Eld {
  // require(esm) is synchronous, so the filter stays a pure synchronous function
  detector ??= (createRequire(import.meta.url)(fileURLToPath(import.meta.resolve('eld/small'))) as { eld: Eld }).eld;
  return detector;
}

export function detectNonEnglish(problem: string): { fired: boolean; evidence: string } {
  const prose = proseOnly(problem);
  // plain ASCII prose (most problems) has no non-Latin letter: count without the Unicode regexes
  const ascii = isAscii(prose);
  const letters = ascii ? asciiLetters(prose) : codePoints(prose.replace(NOT_LETTERS, ''));
  const foreign = ascii ? [] : (prose.match(NON_LATIN) ?? []);
  if (foreign.length >= 3 && foreign.length >= 0.15 * letters) {
    return { fired: true, evidence: `non-Latin script: ${foreign.slice(0, 12).join('')} (${foreign.length}/${letters} letters)` };
  }
  if (letters - foreign.length < MIN_LETTERS) return { fired: false, evidence: 'too little prose to judge' };
  if (mostlyEnglishWords(prose)) return { fired: false, evidence: 'en (function words)' };
  // the language is evident from the first sentences; detection cost grows with length
  return detectorVerdict(prose.length > MAX_CHARS ? prose.slice(0, MAX_CHARS) : prose);
}

/**
 * The detector's verdicts on the latest texts it judged: the same short prose recurs across
 * records ("Express as a common fraction.", duplicates before dedup), and at ~100 µs a text the
 * detector is the dearest step of the filters. Bounded (the checker's memo: oldest out first).
 */
const verdicts = new BoundedCache<{ fired: boolean; evidence: string }>(8192);

function detectorVerdict(text: string): { fired: boolean; evidence: string } {
  let v = verdicts.get(text);
  if (v === undefined) verdicts.set(text, (v = detect(text)));
  return { ...v };
}

function detect(text: string): { fired: boolean; evidence: string } {
  const r = eld().detect(text);
  if (r.language === '' || r.language === 'en') return { fired: false, evidence: r.language || 'undetermined' };
  const scores = r.getScores();
  const top = scores[r.language] ?? 0;
  const en = scores['en'] ?? 0;
  // eld's scores are close together on short math prose; require a clear margin over English
  const fired = r.isReliable() && top - en > 0.05;
  return { fired, evidence: `detected ${r.language} (${top.toFixed(2)} vs en ${en.toFixed(2)})` };
}

/** Code points of `s` (a surrogate pair is one). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) n--;
  }
  return n;
}

export const nonEnglish: Filter = {
  name: 'non_english',
  reason: 'non_english',
  apply(rec) {
    const { fired, evidence } = detectNonEnglish(rec.problem);
    return signal(this, fired, evidence);
  },
};
