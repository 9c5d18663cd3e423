import { normalize } from './normalize.ts';
import { ParseError } from './parse-error.ts';
import { parseTree } from './parse-tree.ts';
import { interpret } from './interpret.ts';
import { extractAnswer } from './extract.ts';
import type { NotClosedReason, ParsedAnswer } from './types.ts';

/** Inputs longer than this are not answers; refusing them keeps every call bounded. */
export const MAX_ANSWER_LENGTH = 12_000;

const REASONS = new Set<NotClosedReason>(['empty', 'prose', 'too_deep', 'ellipsis', 'too_long']);

function notClosed(reason: NotClosedReason, text: string): ParsedAnswer {
  return { kind: 'not_closed_form', reason, text };
}

/** Answers that are words with a meaning of their own, checked before any math parsing. */
function wordAnswer(s: string): ParsedAnswer | null {
  const plain = s.replace(/[{}()\\.\s]/g, '').replace(/^(?:text|textbf|mathrm)/, '');
  if (/^(?:yes|no)$/i.test(plain)) return notClosed('yes_no', plain.toLowerCase());
  if (/^(?:true|false)$/i.test(plain)) return notClosed('true_false', plain.toLowerCase());
  if (/^\(?\s*[A-E]\s*\)?$/.test(s) || /^\(?\s*[A-E]\s*\)?\s*[:.)]?$/.test(s) && !/^[A-E]$/.test(s) && s.length < 6) {
    return notClosed('option_letter', s.replace(/[^A-E]/g, ''));
  }
  if (/^[A-E]$/.test(s)) return notClosed('option_letter', s);
  return null;
}

/** Parses an answer (LaTeX or plain text) into a typed tree. Never throws. */
export function parseUncached(answer: string): ParsedAnswer {
  if (typeof answer !== 'string') return notClosed('empty', '');
  if (answer.length > MAX_ANSWER_LENGTH) return notClosed('too_long', answer.slice(0, 200));
  // An answer that boxes its value inside a sentence is that value.
  if (/\\(?:boxed|fbox)(?![a-zA-Z])/.test(answer)) answer = extractAnswer(answer) ?? answer;
  let s: string;
  try {
    s = normalize(answer);
  } catch {
    return notClosed('unparseable', answer);
  }
  if (s === '' || /^[{}\s]*$/.test(s)) return notClosed('empty', '');
  const word = wordAnswer(s);
  if (word) return word;
  const parsed = parseNormalized(s);
  if (parsed.kind === 'not_closed_form' && parsed.reason !== 'too_long' && parsed.reason !== 'too_deep') {
    // "1+2+\cdots+14 = 1121", "\angle C = 33": when the whole does not parse, the last member of an
    // equality chain states the value.
    const tail = lastMember(s);
    if (tail !== null) {
      const t = parseNormalized(tail);
      if (t.kind !== 'not_closed_form') return t;
    }
  }
  return parsed;
}

function parseNormalized(s: string): ParsedAnswer {
  try {
    const { answer: parsed } = interpret(parseTree(s));
    return parsed;
  } catch (e) {
    if (e instanceof ParseError) {
      const r = e.reason as NotClosedReason;
      return notClosed(REASONS.has(r) ? r : 'unparseable', s);
    }
    // RangeError from a pathological input (stack, BigInt size) is still just "not an answer".
    return notClosed('unparseable', s);
  }
}

/** Text after the last `=` outside any brackets, or null. */
function lastMember(s: string): string | null {
  let depth = 0;
  let cut = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (c === '=' && depth === 0 && s[i - 1] !== '<' && s[i - 1] !== '>' && s[i - 1] !== '!' && s[i + 1] !== '=') cut = i;
  }
  const tail = cut >= 0 ? s.slice(cut + 1).trim() : '';
  return tail !== '' ? tail : null;
}
