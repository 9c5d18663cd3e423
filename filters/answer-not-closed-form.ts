import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import { multiPartReading } from './multi-part.ts';
import { proofEvidence } from './proof.ts';
import { findOptions } from './text/options.ts';

/**
 * The answer is prose, a description, or cannot be parsed as math (the checker's `classify`).
 * Readings that have their own reason code are left to those filters so that each rejection is
 * counted once and disabling, say, `yes_no` really keeps yes/no problems: an empty answer
 * (`missing_answer`), an option letter (`multiple_choice`), yes/no, true/false, and "3 or 5"
 * alternatives (`multiple_answers`).
 *
 * Likewise a prose answer whose cause has its own code is recorded without firing: options in the
 * problem (the answer is an option's text, "B: Line"), a proof ("The statement is proven."), or
 * several parts (the last box answers one part).
 *
 * A narrow prose guard runs before the checker's verdict, for answers the checker parses as
 * math although they are words (it reads "$so\text{ and }so$" as a set and "$\text{Art}$" as a
 * product of variables): see `proseAnswer`.
 */
const OWN_CODE = new Set(['empty', 'option_letter', 'yes_no', 'true_false', 'multiple_answers_text']);

/** English function words that do not occur in formulas. */
const FUNCTION_WORDS = new Set(['and', 'or', 'so', 'the', 'of', 'is', 'are', 'none', 'neither', 'either', 'both', 'not', 'than']);
/** Words of a sentence that states a condition ("it is true if and only if ..."). */
const SENTENCE_WORDS = new Set([...FUNCTION_WORDS, 'if', 'it', 'when', 'only', 'true', 'false']);
/** Words that are math inside `\text{}`: functions, constants, number words ("two" is the number 2). */
const MATH_WORDS = /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sin|cos|tan|cot|sec|csc|arc\w+|sinh|cosh|tanh|log|ln|lg|exp|sqrt|max|min|gcd|lcm|mod|deg|det|lim|pi|inf|sup|undefined|infinity)$/i;

/**
 * Why the answer is prose although it may parse as math, or null:
 * - two whole answers joined by an upper-case "OR" (the dataset's "form 1 OR form 2");
 * - no digit, and an English function word as a word of its own ("so and so");
 * - a single `\text{}` word of three or more letters that is not a math word: a name ("Art");
 * - a time of day ("5:30 p.m.");
 * - a sentence around inline math ("It is true if and only if $ab=0$ and $a+b\ge 0$."): answer
 *   columns written as prose keep their math in `$...$`, so the words outside it are the prose.
 */
export function proseAnswer(answer: string): string | null {
  const a = answer.trim();
  if (/\S\s+OR\s+\S/.test(a)) return 'two answers joined by "OR"';
  // a time of day, "5:30 p.m.": a clock reading, not a number
  if (/\d\s*(?:\\text\{\s*)?:\s*\}?\s*\d{2}[\s\S]{0,12}?\b[ap]\.?\s*m\b\.?/i.test(a)) return 'a time of day';
  const outside = a.includes('$') ? a.replace(/\$\$[^$]*\$\$|\$[^$]*\$/g, ' ') : '';
  const sentence = outside.split(/[^A-Za-z]+/).filter(Boolean);
  if (sentence.length >= 3 && sentence.filter((w) => SENTENCE_WORDS.has(w.toLowerCase())).length >= 2) return `a sentence around math: "${outside.trim().replace(/\s+/g, ' ').slice(0, 80)}"`;
  if (!/\d/.test(a)) {
    // words: `\text{}` contents and letter runs outside LaTeX commands (only an answer without digits is read for them)
    const texts = [...a.matchAll(/\\(?:text|textrm|textup|mathrm|textit|emph)\s*\{([^{}]*)\}/g)].map((m) => m[1]);
    const bare = a.replace(/\\(?:text|textrm|textup|mathrm|textit|emph)\s*\{[^{}]*\}/g, ' ').replace(/\\[a-zA-Z]+/g, ' ');
    const words = [...texts.join(' ').split(/[^A-Za-z]+/), ...bare.split(/[^A-Za-z]+/)].filter(Boolean);
    if (words.length >= 2 && words.some((w) => FUNCTION_WORDS.has(w.toLowerCase()))) return `prose: "${words.join(' ')}"`;
  }
  const only = /^\$?\s*\\(?:text|textrm|textup|mathrm|textbf)\s*\{\s*([A-Za-z]{3,})\s*\}\s*\$?$/.exec(a);
  if (only && !MATH_WORDS.test(only[1])) return `a word: "${only[1]}"`;
  return null;
}

/** Another reason that explains a prose answer, or null. */
function explainedBy(rec: FilterInput): string | null {
  if (findOptions(rec.problem)) return 'options';
  if (proofEvidence(rec.problem)) return 'a proof';
  if (multiPartReading(rec)) return 'several parts';
  return null;
}

export const answerNotClosedForm: Filter = {
  name: 'answer_not_closed_form',
  reason: 'answer_not_closed_form',
  apply(rec) {
    if (rec.answer === null || rec.answer.trim() === '') return signal(this, false, '');
    let why: string;
    if (rec.answer_kind !== null) {
      const prose = proseAnswer(rec.answer);
      if (!prose) return signal(this, false, rec.answer_kind);
      why = `${prose} (parsed as ${rec.answer_kind})`;
    } else {
      const reason = rec.answer_not_closed_reason ?? 'unparseable';
      if (OWN_CODE.has(reason)) return signal(this, false, `left to its own filter: ${reason}`);
      why = `${reason}: ${rec.answer.slice(0, 120)}`;
    }
    const cause = explainedBy(rec);
    return cause ? signal(this, false, `${why}; explained by ${cause}`) : signal(this, true, why);
  },
};
