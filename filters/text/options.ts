import { gated } from './keyword-gate.ts';
import { lastArgMemo } from './memo.ts';

/**
 * Finds a list of answer options in a problem text, in the layouts found in the sources:
 * - parenthesised labels anywhere: `(A) 5 (B) 6 ...`, AMC `$\textbf{(A)}\ 10 \qquad \textbf{(B)}\ 11$`;
 * - labels at the start of lines: `A. ...`, `A: ...`, `A) ...`, `A、...` (cn_k12, MATH "Enter the letter");
 * - cn_k12 inline rows: `A: $1$  B: $2$  C: $3$  D: $4$`.
 * A list means the labels A, B, C, D (or A, B, C plus more) appear in order, each followed by
 * some content. "Rectangle ABCD", "points A, B, C, D", `P(A)`, "the ratio $A:B:C:D$" are not lists.
 */
export interface OptionList {
  layout: 'paren' | 'line' | 'inline';
  labels: string[];
  /** Text of each option, by label. */
  texts: Map<string, string>;
  evidence: string;
}

const LETTERS = 'ABCDEFGH';

/** A label in parentheses, not an argument: `P(A)`, `f(B)`, `\angle(C)` have a word character or `\` before. */
const PAREN_LABEL = /(?<![A-Za-z0-9\\_^')\]])\(\s*([A-H])\s*\)/g;
/** Most problems have no `(`: the keyword gate, which scans the problem anyway, spares the search. */
const PAREN_LABEL_GATE = gated(PAREN_LABEL, ['(']);
/** A label at the start of a line: `A.`, `A:`, `A)`, `A、`, `A．`, `(A)` handled above. Optional `$`/`**`. */
const LINE_LABEL = /^[ \t]*(?:\*\*|\$)?\s*([A-H])\s*(?:\*\*)?\s*[.:：．、)]/gm;
/** An inline label: preceded by whitespace or start, followed by `:`/`.`/`、`/`．`/`：` and a space or `$`. */
const INLINE_LABEL = /(?<=^|[\s$;,，；])([A-H])\s*[:：．、.](?=\s|\$|$)/gm;

function collect(text: string, re: RegExp): { label: string; index: number; end: number }[] {
  const out: { label: string; index: number; end: number }[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push({ label: m[1], index: m.index, end: m.index + m[0].length });
  return out;
}

/** Content between two labels counts when something other than spacing and markup remains. */
function hasContent(s: string): boolean {
  return s.replace(/\\(?:qquad|quad|textbf|text|mathrm|hspace\{[^}]*\}|mbox)|[\s$&{}\\~]|\*\*/g, '').length > 0;
}

/** The longest run A, B, C, ... in order (labels may repeat: the run restarts at each `A`). */
function bestRun(text: string, found: { label: string; index: number; end: number }[]): { labels: string[]; texts: Map<string, string>; start: number } | null {
  let best: { labels: string[]; texts: Map<string, string>; start: number } | null = null;
  for (let i = 0; i < found.length; i++) {
    if (found[i].label !== 'A') continue;
    const run = [found[i]];
    for (let j = i + 1; j < found.length && run.length < LETTERS.length; j++) {
      if (found[j].label === LETTERS[run.length]) run.push(found[j]);
      else if (found[j].label === 'A') break;
    }
    const texts = new Map<string, string>();
    let ok = true;
    for (let k = 0; k < run.length; k++) {
      const body = text.slice(run[k].end, k + 1 < run.length ? run[k + 1].index : Math.min(text.length, run[k].end + 200));
      if (k + 1 < run.length && !hasContent(body)) ok = false;
      texts.set(run[k].label, body.split('\n')[0].trim());
    }
    if (!ok) continue;
    if (!best || run.length > best.labels.length) best = { labels: run.map((r) => r.label), texts, start: run[0].index };
  }
  return best;
}

/** Four labels, the common question: memoised, since several filters ask it of one problem. */
const fourOptions = lastArgMemo((problem: string) => optionList(problem, 4));

/** The first option list of at least `min` labels (A, B, C, ... in order). */
export function findOptions(problem: string, min = 4): OptionList | null {
  return min === 4 ? fourOptions(problem) : optionList(problem, min);
}

function optionList(problem: string, min: number): OptionList | null {
  const layouts: [OptionList['layout'], RegExp][] = [
    ['paren', PAREN_LABEL],
    ['line', LINE_LABEL],
    ['inline', INLINE_LABEL],
  ];
  for (const [layout, re] of layouts) {
    if (re === PAREN_LABEL && !PAREN_LABEL_GATE.may(problem)) continue;
    const run = bestRun(problem, collect(problem, re));
    if (run && run.labels.length >= min) {
      const evidence = problem.slice(run.start, run.start + 120).replace(/\s+/g, ' ');
      return { layout, labels: run.labels, texts: run.texts, evidence };
    }
  }
  return null;
}
