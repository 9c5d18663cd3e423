/** Tokenizer for normalised answers: LaTeX commands plus plain-text math ("sqrt(2)", "2*pi"). */

export type Token =
  | { t: 'num'; v: string }
  | { t: 'id'; v: string }          // single-letter variable or known constant/function name
  | { t: 'cmd'; v: string }         // LaTeX command without backslash
  | { t: 'op'; v: string }          // punctuation and operators, including '\\{' '\\}' and '\\\\'
  | { t: 'word'; v: string }        // a run of letters that reads as prose
  | { t: 'begin'; v: string }
  | { t: 'end'; v: string };

/** Plain-text names recognised inside letter runs ("sinx", "2pi", "ln2"). Longest first. */
const PLAIN_NAMES = [
  'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'sqrt', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'exp',
  'ln', 'lg', 'pi', 'infinity', 'infty', 'inf', 'gcd', 'lcm', 'max', 'min', 'mod', 'det', 'binom', 'cbrt',
];
const PROSE_SHORT = new Set(['yes', 'no', 'not', 'the', 'all', 'any', 'none', 'odd', 'even', 'true', 'false', 'is', 'are', 'if', 'of', 'to', 'it', 'for', 'has', 'only', 'no', 'none']);

export class LexError extends Error {}

/** Splits a run of letters into known names and single letters; null when it looks like a word. */
function splitLetters(run: string): string[] | null {
  if (PROSE_SHORT.has(run.toLowerCase()) && run.length > 1) return null;
  // Two or three capitals name a segment or an angle's points (NO, BO, ABC), not a word. Longer runs
  // stay words: as products of letters, polygon names like ABCD and DCBA would be equal.
  if (/^[A-Z]{2,3}$/.test(run)) return [...run];
  const out: string[] = [];
  let single = 0; // consecutive single letters, a proxy for "this is a word"
  for (let i = 0; i < run.length;) {
    const name = PLAIN_NAMES.find((n) => run.startsWith(n, i));
    if (name) {
      out.push(name);
      i += name.length;
      single = 0;
    } else {
      out.push(run[i]);
      i++;
      if (++single >= 4) return null;
    }
  }
  return out;
}

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if ((c >= '0' && c <= '9') || (c === '.' && s[i + 1] >= '0' && s[i + 1] <= '9')) {
      let j = i;
      while (j < n && s[j] >= '0' && s[j] <= '9') j++;
      if (s[j] === '.' && s[j + 1] >= '0' && s[j + 1] <= '9') {
        j++;
        while (j < n && s[j] >= '0' && s[j] <= '9') j++;
      } else if (s[j] === '.' && j > i && !(s[j + 1] >= 'a' && s[j + 1] <= 'z')) {
        j++; // "5." is five
      }
      out.push({ t: 'num', v: s.slice(i, j) });
      i = j;
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      let j = i;
      while (j < n && /[a-zA-Z]/.test(s[j])) j++;
      const run = s.slice(i, j);
      const parts = run.length === 1 ? [run] : splitLetters(run);
      if (parts === null) out.push({ t: 'word', v: run });
      else for (const p of parts) out.push({ t: 'id', v: p });
      i = j;
      continue;
    }
    if (c === '\\') {
      const nx = s[i + 1];
      if (nx === undefined) { i++; continue; }
      if (/[a-zA-Z]/.test(nx)) {
        let j = i + 1;
        while (j < n && /[a-zA-Z]/.test(s[j])) j++;
        const name = s.slice(i + 1, j);
        if (name === 'begin' || name === 'end') {
          const m = /^\s*\{([a-zA-Z*]+)\}/.exec(s.slice(j, j + 40));
          if (!m) throw new LexError('bad environment');
          j += m[0].length;
          if (name === 'begin' && m[1] === 'array') {
            const spec = /^\s*\{[^{}]*\}/.exec(s.slice(j, j + 60)); // column spec
            if (spec) j += spec[0].length;
          }
          out.push({ t: name, v: m[1] });
        } else {
          out.push({ t: 'cmd', v: name });
        }
        i = j;
        continue;
      }
      if (nx === '{' || nx === '}' || nx === '\\' || nx === '|') {
        out.push({ t: 'op', v: '\\' + nx });
        i += 2;
        continue;
      }
      i += 2; // other escaped punctuation carries no meaning here
      continue;
    }
    if (c === '*' && s[i + 1] === '*') { out.push({ t: 'op', v: '^' }); i += 2; continue; }
    if ((c === '<' || c === '>' || c === '!' || c === '=') && s[i + 1] === '=') {
      out.push({ t: 'op', v: c === '=' ? '=' : c + '=' });
      i += 2;
      continue;
    }
    if (c === '+' && s[i + 1] === '-') { out.push({ t: 'cmd', v: 'pm' }); i += 2; continue; }
    if ('+-*/^_!()[]{},;|=<>:&\''.includes(c)) { out.push({ t: 'op', v: c }); i++; continue; }
    throw new LexError(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}
