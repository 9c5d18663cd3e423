import { lastArgMemo } from './memo.ts';

/**
 * LaTeX-aware text views used by the filters. Math content is mostly language-neutral and
 * confuses both regexes ("$A$. $B$.") and language detectors, so filters look at prose only.
 */

/** Removes `[asy]...[/asy]` blocks (Asymptote figure code). */
export function stripAsy(text: string): string {
  // most texts have no `[` at all: skip the scan for a tag they cannot contain
  if (!text.includes('[')) return text;
  return text.replace(/\[asy\][\s\S]*?(?:\[\/asy\]|$)/gi, ' ');
}

const MATH_SPANS = /\$\$[\s\S]*?\$\$|\$(?:\\.|[^$\\])*\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)|\\begin\{(equation|align|gather|eqnarray|array|tabular|cases|pmatrix|bmatrix|matrix)\*?\}[\s\S]*?\\end\{\1\*?\}/g;

/**
 * Replaces inline and display math with a single space, keeping the prose around it. Memoised:
 * `proof` and `non_english` (through `proseOnly`) read the same problem's prose.
 */
export const stripMath = lastArgMemo((text: string): string => text.replace(MATH_SPANS, ' '));

/**
 * Prose only: math, Asymptote, LaTeX commands, BBCode and markup removed. `\text{...}` inside
 * math is lost, which is fine: language is decided by the sentences around the formulas.
 */
export function proseOnly(text: string): string {
  let s = stripMath(stripAsy(text));
  // each replacement needs its marker character; without it the scan is skipped
  if (s.includes('\\')) s = s.replace(/\\(?:textbf|textit|emph|text|mathrm|underline)\{([^{}]*)\}/g, '$1').replace(/\\[a-zA-Z]+\*?/g, ' ');
  if (s.includes('[')) s = s.replace(/\[\/?(?:i|b|u|list|\*|quote|color[^\]]*|size[^\]]*|url[^\]]*|img)\]/gi, ' ');
  // braces, scripts, tildes and backslashes become spaces, and every run of spaces one space:
  // each maximal run of these characters becomes " ", found by a search that skips the runs
  // already equal to " " (most of them: the spaces between words)
  return s.replace(/[\s{}_^~\\]{2,}|[^\S ]|[{}_^~\\]/g, ' ').trim();
}

/**
 * A lightweight plain-text reading of a short answer: `$`, `\text{}`, `\textbf{}`, `\mathrm{}`,
 * `\boxed{}` wrappers and trailing punctuation removed, lower-cased. For keyword tests only.
 * Memoised: `missing_answer`, `multiple_choice`, `yes_no` and `true_false` read the same answer.
 */
export const plainAnswer = lastArgMemo((answer: string): string => {
  let s = answer.trim();
  for (let i = 0; i < 4; i++) {
    const before = s;
    s = s
      .replace(/^\$+|\$+$/g, '')
      .replace(/^\\\(|\\\)$/g, '')
      .replace(/\\(?:boxed|text|textbf|textit|mathrm|mathbf|emph|textup|operatorname)\s*\{([^{}]*)\}/g, '$1')
      .replace(/\\[,;:! ]/g, ' ')
      .trim();
    if (s === before) break;
  }
  return s.replace(/[.!]+$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
});
