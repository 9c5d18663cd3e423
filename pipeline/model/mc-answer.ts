import { classify } from '../../checker/index.ts';
import { findOptions } from '../../filters/text/options.ts';

/** The option letter an answer names: `B`, `(B)`, `\textbf{(B)}`, `$\text{B}$`, `B: 5`. */
function labelOf(answer: string): string | null {
  const plain = answer.trim().replace(/^\$|\$$/g, '').replace(/\\(?:text|textbf|mathrm|mathbf)\s*\{([^{}]*)\}/g, '$1').trim();
  const m = /^\(?\s*([A-H])\s*\)?(?:\s*[:.：．]\s*.*)?$/.exec(plain);
  return m ? m[1] : null;
}

/** An option's text as an answer: no math delimiters, spacing commands or closing punctuation. */
function optionValue(text: string): string {
  return text
    // AMC layout: the option text sits between `\textbf{(B)}` and the next `\textbf{`
    .replace(/^\s*\}/, '')
    .replace(/\$?\s*\\(?:text|textbf|mathrm|mathbf)\s*\{\s*$/, '')
    .replace(/\\qquad|\\quad|\\[,;:! ]|~/g, ' ')
    .replace(/^\s*\$+|\$+\s*$/g, '')
    .replace(/[\s.;,]+$/, '')
    .trim();
}

/**
 * The value of the correct option of a multiple-choice problem, when it is a closed-form value
 * the checker reads: the text of the option the answer names, or the answer itself when it is
 * already a value. Null when the option cannot be found or is not a single closed-form value
 * (a statement, a figure, a word).
 */
export function correctOptionValue(problem: string, answer: string | null): string | null {
  if (!answer) return null;
  const label = labelOf(answer);
  let value: string;
  if (label) {
    const text = findOptions(problem, 2)?.texts.get(label);
    if (!text) return null;
    value = optionValue(text);
  } else {
    // "\textbf{(C)}\ \frac{5}{3}": the label with the option's value after it
    value = optionValue(answer.trim().replace(/^\$?\s*(?:\\(?:text|textbf|mathrm|mathbf)\s*\{\s*)?\(\s*[A-H]\s*\)\s*\}?\s*(?:\\\s)?/, ''));
  }
  if (!value || value.length > 80) return null;
  return classify(value).closedForm ? value : null;
}
