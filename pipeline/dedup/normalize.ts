import { collapseSpaces } from './collapse-spaces.ts';

/**
 * Math-aware text normalisation for exact-duplicate hashing, shingling and decontamination.
 *
 * Goal: two copies of one problem that differ only in typesetting (math delimiters, spacing,
 * `\dfrac` vs `\frac`, `\left(`, trailing full stop, capitalised prose) normalise to the same
 * string, while anything that changes the mathematics (a digit, an operator, a variable's case
 * inside math) survives. We never fold digits or operators: `x^2` and `x^3` stay different.
 */

/** Unicode math symbols NFKC leaves alone, mapped to the LaTeX a typesetter would write. */
const SYMBOLS: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"',
  '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u00d7': '\\times ', '\u00f7': '\\div ', '\u00b7': '\\cdot ', '\u22c5': '\\cdot ',
  '\u2264': '\\leq ', '\u2265': '\\geq ', '\u2260': '\\neq ', '\u00b1': '\\pm ',
  '\u03c0': '\\pi ', '\u221e': '\\infty ', '\u221a': '\\sqrt ', '\u00b0': '^\\circ ',
};
const SYMBOL_RE = new RegExp(`[${Object.keys(SYMBOLS).join('')}]`, 'g');

/**
 * Command spellings that typeset the same thing, in one pass: every alternative but the dots
 * is a whole command name (no letter follows), so at most one matches at a place, and no
 * replacement makes or breaks a match of another (one pass = the rules applied one by one).
 */
const COMMAND_ALIAS = /\\([dtc]frac|[dt]binom|le|ge|ne|leqslant|geqslant|lt|gt|rightarrow|[lc]?dots[bc]?|textdollar)(?![a-zA-Z])|\.\.\.|\u2026/g;
const ALIAS_OF: Record<string, string> = {
  dfrac: '\\frac', tfrac: '\\frac', cfrac: '\\frac', dbinom: '\\binom', tbinom: '\\binom',
  le: '\\leq', leqslant: '\\leq', ge: '\\geq', geqslant: '\\geq', ne: '\\neq',
  lt: '<', gt: '>', rightarrow: '\\to', textdollar: '\\$',
};
const aliasOf = (_m: string, name: string | undefined): string => (name === undefined ? '\\dots' : (ALIAS_OF[name] ?? '\\dots'));

/** Sizing and style commands that change only the look. `\left.` is an invisible delimiter. */
const INVISIBLE = /\\(?:left|right|[bB]igg?[lrm]?)(?![a-zA-Z])\s*\.?|\\(?:displaystyle|textstyle|limits)(?![a-zA-Z])/g;
/** LaTeX spacing commands and the non-breaking tilde become a plain space. */
const SPACING = /\\[,;:!> ]|\\q?quad(?![a-zA-Z])|~/g;
/** Text wrappers whose content is what matters (innermost braces only; applied repeatedly). */
const TEXT_WRAP = /\\(?:text|textbf|textit|textrm|emph|mbox|mathrm)\s*\{([^{}]*)\}/g;

const ESCAPED_DOLLAR = '\uE000';
/** Math delimiters: `$$`, `$`, `\(`, `\)`, `\[`, `\]`, and display environments (`\begin{align*}` ... `\end{align*}`). */
const DELIMITER = /\$\$|\$|\\\(|\\\)|\\\[|\\\]|\\(?:begin|end)\{(?:align|aligned|equation|gather|gathered|eqnarray|multline|displaymath)\*?\}/g;
/**
 * Answer options at the end (`(A) 7 (B) 8 (C) 16 ...`, `\textbf{(A)}` unwrapped): one copy of an
 * AMC problem lists them, another does not. Three labels in order, up to the end of the text.
 */
const OPTIONS_TAIL = /\(\s*A\s*\)(?:(?!\(\s*A\s*\))[\s\S])*?\(\s*B\s*\)[\s\S]*?\(\s*C\s*\)[\s\S]*$/;

/**
 * Normalises a problem statement. Steps, in order (each exists because real copies differ so):
 * NFKC; Unicode math symbols to LaTeX; `\dfrac`/`\tfrac`→`\frac`, `\le`→`\leq` ...; drop
 * `\left`/`\right`/`\big`, `\displaystyle`; spacing commands to spaces; unwrap `\text{}`;
 * lower-case prose (text outside math delimiters, not command names) but not math; remove math
 * delimiters and currency `\$`; `^{2}`→`^2`, `\frac12`→`\frac{1}{2}`; collapse whitespace and
 * drop spaces next to symbols; strip trailing punctuation.
 */
export function normalizeProblem(text: string): string {
  let s = text.normalize('NFKC').replace(SYMBOL_RE, (c) => SYMBOLS[c]);
  s = s.replace(COMMAND_ALIAS, aliasOf);
  // (a regex pass costs even when nothing matches: these need a backslash, half the problems have none)
  const commands = s.includes('\\');
  if (commands) s = s.replace(INVISIBLE, '');
  if (commands || s.includes('~')) s = s.replace(SPACING, ' ');
  for (let prev = ''; commands && prev !== s; ) {
    prev = s;
    s = s.replace(TEXT_WRAP, ' $1 ');
  }
  s = s.replace(OPTIONS_TAIL, ' ');
  s = lowerProse(s.includes('\\$') ? s.replace(/\\\$/g, ESCAPED_DOLLAR) : s);
  s = s.replace(DELIMITER, ' ');
  if (s.includes(ESCAPED_DOLLAR)) s = s.replaceAll(ESCAPED_DOLLAR, ' ');
  // (likewise: skip the passes whose literal text is absent)
  const braced = s.includes('^{') || s.includes('_{');
  if (braced) s = s.replace(/([\^_])\{\s*\}/g, '');
  if (s.includes('&')) s = s.replace(/&/g, ' ');
  if (braced) s = s.replace(/([\^_])\{\s*([A-Za-z0-9])\s*\}/g, '$1$2');
  if (s.includes('\\frac')) s = s.replace(/\\frac\s*([0-9])\s*([0-9])/g, '\\frac{$1}{$2}');
  if (s.includes('\\sqrt')) s = s.replace(/\\sqrt\s*([0-9])/g, '\\sqrt{$1}');
  // collapse whitespace, drop spaces next to symbols, strip trailing punctuation, trim
  s = collapseSpaces(s);
  // Removing a space can expose `\cmd` + letter ("\alpha x" keeps its space: both sides are
  // letters); the rule above only removes spaces beside symbols, so command names stay intact.
  return s;
}

/**
 * Lower-cases text outside math delimiters. Math keeps its case (`X` and `x` are different
 * variables); command names keep theirs (`\Delta` vs `\delta`).
 */
function lowerProse(s: string): string {
  let out = '';
  let inMath = false;
  let closer = '';
  let last = 0;
  DELIMITER.lastIndex = 0;
  for (let m = DELIMITER.exec(s); m; m = DELIMITER.exec(s)) {
    const seg = s.slice(last, m.index);
    out += inMath ? seg : lowerText(seg);
    out += m[0];
    last = m.index + m[0].length;
    const d = m[0];
    if (!inMath) {
      inMath = true;
      closer = d === '\\(' ? '\\)' : d === '\\[' ? '\\]' : d.startsWith('\\begin') ? d.replace('begin', 'end') : d;
    } else if (d === closer) {
      inMath = false;
    }
  }
  const tail = s.slice(last);
  return out + (inMath ? tail : lowerText(tail));
}

function lowerText(seg: string): string {
  // without a backslash the whole segment is one piece of prose
  if (!seg.includes('\\')) return seg.toLowerCase();
  return seg.replace(/\\[A-Za-z]+|[^\\]+/g, (t) => (t.charCodeAt(0) === 92 ? t : t.toLowerCase()));
}
