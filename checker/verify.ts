import { BoundedCache } from './cache.ts';
import { classifyParsed } from './classify.ts';
import { compareAnswers, DEFAULT_OPTIONS, type ResolvedOptions } from './compare.ts';
import { extractAnswer } from './extract.ts';
import { parseUncached } from './parse.ts';
import { hasPercent, percentAsFraction } from './percent.ts';
import type { Classification, CompareOptions, ParsedAnswer } from './types.ts';

/** The checker's entry points on answers: cached parse and classification, and the equivalence verdict. */

const parseCache = new BoundedCache<ParsedAnswer>(200_000);
const classCache = new BoundedCache<Classification>(200_000);

/** Drops the parse and classification memos (long-running processes; timing tests). */
export function clearCheckerCaches(): void {
  parseCache.clear();
  classCache.clear();
}

/** Typed tree of an answer string (LaTeX or plain). Never throws. */
export function parseAnswer(answer: string): ParsedAnswer {
  const key = typeof answer === 'string' ? answer : '';
  let p = parseCache.get(key);
  if (p === undefined) {
    p = parseUncached(key);
    parseCache.set(key, p);
  }
  return p;
}

/**
 * A plain integer without sign noise or leading zeros, the most common answer: its classification
 * is itself as a number, so the parser is not needed (tests/checker/plain-integer.test.ts holds
 * it equal to the parser's).
 */
const PLAIN_INTEGER = /^(?:-?[1-9][0-9]{0,40}|0)$/;

/** Kind, canonical form, or the reason an answer is not a closed form. Cached; never throws. */
export function classify(answer: string): Classification {
  const key = typeof answer === 'string' ? answer : '';
  let c = classCache.get(key);
  if (c === undefined) {
    c = PLAIN_INTEGER.test(key) ? { closedForm: true, kind: 'number', canonical: key, reason: null } : classifyParsed(parseAnswer(key));
    classCache.set(key, c);
  }
  return c;
}

/** Deterministic canonical string of a closed-form answer, else null. */
export function canonicalize(answer: string): string | null {
  return classify(answer).canonical;
}

function resolve(options?: CompareOptions): ResolvedOptions {
  return options ? { ...DEFAULT_OPTIONS, ...options } : DEFAULT_OPTIONS;
}

/** Loose text key for answers that are not closed forms ("\text{Even}" vs "even"). */
function textKey(s: string): string {
  return s.replace(/\\(?:text|textbf|mathrm|mbox)\s*\{([^{}]*)\}/g, '$1').replace(/[\s${}\\.]/g, '').toLowerCase();
}

/** An option letter stated in a longer text: "(C) 5", "A. because ...", "Because B is valid". */
function optionLetterIn(text: string): string | null {
  const start = /^\s*\(?([A-E])\)?(?:[.:)\s]|$)/.exec(text);
  if (start) return start[1];
  const stated = /answer\s*(?:is|:)\s*\(?([A-E])\)?\b/i.exec(text);
  if (stated) return stated[1].toUpperCase();
  const alone = text.match(/(?<![A-Za-z])\(?[A-E]\)?(?![A-Za-z])/g);
  return alone ? alone[alone.length - 1].replace(/[()]/g, '') : null;
}

/**
 * Whether `pred` states the same answer as `gold`. Both are answers, not whole solutions (see
 * extractAnswer). Never throws; bounded time; deterministic.
 */
export function isEquivalent(gold: string, pred: string, options?: CompareOptions): boolean {
  if (equivalentAsWritten(gold, pred, options)) return true;
  if (typeof gold !== 'string' || typeof pred !== 'string') return false;
  return percentReading(gold, pred, options) || listReading(gold, pred, options) || listReading(pred, gold, options);
}

/** Percent policy (percent.ts): one side written with a percent sign may also be read as a fraction. */
function percentReading(gold: string, pred: string, options?: CompareOptions): boolean {
  const pg = hasPercent(gold), pp = hasPercent(pred);
  if (pg === pp) return false;
  const alt = percentAsFraction(pg ? gold : pred);
  if (alt === null) return false;
  return pg ? equivalentAsWritten(alt, pred, options) : equivalentAsWritten(gold, alt, options);
}

const GROUPED_NUMBER = /^\$?-?\d{1,3}(?:,\d{3})+\$?$/;

/**
 * "70,110" reads as seventy thousand one hundred ten, or as the list 70, 110: against an answer that
 * is a list, a set or a tuple, the list reading is the one meant.
 */
function listReading(a: string, b: string, options?: CompareOptions): boolean {
  if (a.length > 60 || !GROUPED_NUMBER.test(a.trim())) return false;
  const kb = parseAnswer(b).kind;
  if (kb !== 'set' && kb !== 'tuple') return false;
  return equivalentAsWritten(a.replace(/,/g, ', '), b, options);
}

function equivalentAsWritten(gold: string, pred: string, options?: CompareOptions): boolean {
  try {
    if (typeof gold !== 'string' || typeof pred !== 'string') return false;
    if (gold.trim() === pred.trim()) return gold.trim() !== '';
    const a = parseAnswer(gold), b = parseAnswer(pred);
    if (a.kind === 'not_closed_form' || b.kind === 'not_closed_form') {
      if (a.kind === 'not_closed_form' && a.reason === 'option_letter') {
        if (b.kind === 'not_closed_form' && b.reason === 'option_letter') return a.text === b.text;
        if (pred.length <= 400) return optionLetterIn(pred.replace(/\\text\{([^{}]*)\}/g, '$1').replace(/\$/g, '')) === a.text;
        return false;
      }
      if (a.kind === 'not_closed_form' && b.kind === 'not_closed_form') {
        const ka = textKey(a.text), kb = textKey(b.text);
        return ka !== '' && ka === kb;
      }
      return false;
    }
    const ca = classify(gold).canonical, cb = classify(pred).canonical;
    if (ca !== null && ca === cb) return true;
    return compareAnswers(a, b, resolve(options));
  } catch {
    return false;
  }
}

/**
 * Extracts the final answer of a model response and compares it with a gold ANSWER. The gold is never
 * extracted: run on a bare LaTeX answer, extraction would keep its last number (`\frac{\sqrt3}{2}`
 * would become `2`), and a response boxing that number would be rewarded. For a gold that is a whole
 * worked solution, call verifyAgainstSolution.
 */
export function verifyResponse(goldAnswer: string, response: string, options?: CompareOptions): boolean {
  const p = extractAnswer(response);
  if (p === null) return false;
  return isEquivalent(goldAnswer, p, options);
}

/** Like verifyResponse, for a gold that is a worked solution: its final answer is extracted explicitly. */
export function verifyAgainstSolution(goldSolution: string, response: string, options?: CompareOptions): boolean {
  const g = extractAnswer(goldSolution);
  if (g === null) return false;
  return verifyResponse(g, response, options);
}
