import { tokenize, LexError, type Token } from './lexer.ts';
import { MAX_TOKENS, ParseError } from './parse-error.ts';
import { CommandParser } from './parse-commands.ts';
import type { Node } from './types.ts';

/**
 * Recursive-descent parser from tokens to the raw syntax tree (Node). It knows LaTeX grammar, not
 * answer semantics: deciding that `(1,2)` is a tuple and `[1,2)` an interval is interpret.ts's job.
 * The grammar is split by level: parse-operators.ts (lists, relations, sums, products),
 * parse-atoms.ts (numbers, names, brackets, scripts), parse-commands.ts (LaTeX commands, matrices).
 */

const CLOSER: Record<string, string> = { '(': ')', '{': '}' };

/**
 * `((((1))))` → `(1)`: a bracket whose whole content is another bracket of the same kind adds nothing,
 * so deep redundant nesting is unwrapped in one linear pass instead of being refused as too deep.
 */
function unwrapRedundant(toks: Token[]): Token[] {
  if (!toks.some((t, k) => t.t === 'op' && CLOSER[t.v] !== undefined && toks[k + 1]?.t === 'op' && toks[k + 1].v === t.v)) return toks;
  const match = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  toks.forEach((t, k) => {
    if (t.t !== 'op') return;
    if (CLOSER[t.v] !== undefined) stack.push(k);
    else if (t.v === ')' || t.v === '}') {
      const open = stack.pop();
      if (open !== undefined && CLOSER[toks[open].v] === t.v) { match[open] = k; match[k] = open; }
    }
  });
  const drop = new Uint8Array(toks.length);
  for (let k = 0; k + 1 < toks.length; k++) {
    const t = toks[k], u = toks[k + 1];
    if (t.t === 'op' && u.t === 'op' && t.v === u.v && CLOSER[t.v] !== undefined && match[k] >= 0 && match[k + 1] === match[k] - 1) {
      drop[k] = 1;
      drop[match[k]] = 1;
    }
  }
  return toks.filter((_, k) => drop[k] === 0);
}

/** Parses a normalised answer string. Throws ParseError with a reason. */
export function parseTree(s: string): Node {
  let toks: Token[];
  try {
    toks = tokenize(s);
  } catch (e) {
    if (e instanceof LexError) throw new ParseError('unparseable');
    throw e;
  }
  if (toks.length === 0) throw new ParseError('empty');
  if (toks.length > MAX_TOKENS) throw new ParseError('too_long');
  return new CommandParser(unwrapRedundant(toks)).parseTop();
}
