import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { multiPartReading } from './multi-part.ts';
import { boxSpans, distinctBoxes } from './text/boxes.ts';
import { gated } from './text/keyword-gate.ts';
import { findOptions } from './text/options.ts';

/**
 * Several different final answers to one question. For `solution_boxed` sources the answer is
 * the last box, so a solution with two non-equivalent boxes (MATH boxes each root of "enter all
 * solutions" one by one, or both foci of "either focus") has an ambiguous or incomplete answer.
 * Other causes of several boxes have their own reason and are left to it: a problem with several
 * parts or blanks (`multi_part`, one box per part), a problem with options (`multiple_choice`,
 * the solution boxes a value and a letter), and a question asking for a list ("Give all points
 * ..., separated by semicolons"), whose boxes are the list. For answer columns, the checker's
 * `multiple_answers_text` reading ("3 or 5 depending on ...") fires, as does a `\pm` answer
 * ("$a = \pm 3$": two values).
 *
 * Two more ways a boxed solution gives several answers while the record keeps one: a requested
 * list ("Enter all the solutions, separated by commas") whose members are boxed one by one, so
 * the answer (the last box) is one member of the list; and a final sentence that goes on after
 * its box with "or" and another value ("$(\boxed{\frac23}, \boxed{\frac23})$ or $(2, -2)$").
 */
const ASKS_LIST = /\b(?:all|every|each)\b[^.?]*\b(?:points?|solutions?|roots?|values?|pairs?|numbers?|integers?|possibilities)\b|\bseparated\s+by\s+(?:commas?|semicolons?)|\benter\s+(?:all|them|the\s+(?:solutions|roots|values))\b|\blist\b/i;
/** Trigger words of ASKS_LIST (keyword gate: text/keyword-gate.ts). */
const ASKS_LIST_GATE = gated(ASKS_LIST, ['all', 'every', 'each', 'separated', 'enter', 'list']);
const asksList = (problem: string): boolean => ASKS_LIST_GATE.may(problem) && ASKS_LIST.test(problem);
/** "What is a possible value of $n$?": any of several values is right, the row gives one. */
const ONE_OF_SEVERAL = /\b(?:what\s+is|find|give|determine|name)\s+(?:a|one|any)\s+possible\s+values?\b/i;
const ONE_OF_SEVERAL_GATE = gated(ONE_OF_SEVERAL, ['possible']);
const PLUS_MINUS = /\\pm(?![a-zA-Z])|\\mp(?![a-zA-Z])|±/;
/** "18 or 10", "$2$ or $\frac{2\sqrt3}{3}$": two values, each with a digit. */
const OR_VALUES = /\d[^,;]*?(?:\\text\s*\{\s*or\s*\}|\\(?:quad|qquad)?\s*\bor\b|\s\bor\b\s)[^,;]*?\d/;

/** After the last box, only closing marks and then "or" and another math value. */
const OR_AFTER_BOX = /^(?:\s|\$|\\right|[)\]}]|\\[,;!])*(?:\\text\s*\{\s*or\s*\}|\\quad\s*or\b|\s+or\b)\s*(?:\$|\\\(|\\boxed)/;

export const multipleAnswers: Filter = {
  name: 'multiple_answers',
  reason: 'multiple_answers',
  apply(rec) {
    if (rec.answer_not_closed_reason === 'multiple_answers_text') {
      return signal(this, true, `answer gives alternatives: ${rec.answer ?? ''}`);
    }
    // "$\pm 3$" answers "find $a$" with two values; "find all $k$" asked for them
    if (rec.answer !== null && (PLUS_MINUS.test(rec.answer) || OR_VALUES.test(rec.answer)) && !asksList(rec.problem) && !multiPartReading(rec)) {
      return signal(this, true, `answer gives two values: ${rec.answer}`);
    }
    const onePossible = ONE_OF_SEVERAL_GATE.may(rec.problem) ? ONE_OF_SEVERAL.exec(rec.problem) : null;
    if (onePossible) return signal(this, true, `asks for one of several correct values: ${onePossible[0]}`);
    if (rec.answer_origin !== 'solution_boxed' || !rec.solution) return signal(this, false);
    const orAfter = alternativeAfterLastBox(rec.solution);
    if (orAfter !== null && !findOptions(rec.problem) && !multiPartReading(rec)) {
      return signal(this, true, `the final sentence gives another value after the box: ${orAfter}`);
    }
    const distinct = distinctBoxes(rec.solution);
    if (distinct.length < 2) return signal(this, false);
    if (multiPartReading(rec) || findOptions(rec.problem)) {
      return signal(this, false, `${distinct.length} different boxes, explained by parts or options`);
    }
    if (asksList(rec.problem)) {
      // the boxes are the list; the record's answer is the last box alone unless it already lists them
      if (rec.answer !== null && !rec.answer.includes(',')) {
        return signal(this, true, `a requested list boxed member by member (${boxedList(distinct)}); the answer keeps only "${rec.answer}"`);
      }
      return signal(this, false, `${distinct.length} different boxes, the members of a requested list`);
    }
    return signal(this, true, `${distinct.length} different boxed answers: ${boxedList(distinct)}`);
  },
};

/** The text after the solution's last box when it goes on with "or" and another value, else null. */
function alternativeAfterLastBox(solution: string): string | null {
  const last = boxSpans(solution).at(-1);
  if (last === undefined) return null;
  const after = solution.slice(last.end);
  return OR_AFTER_BOX.test(after) ? after.slice(0, 80).trim() : null;
}

function boxedList(boxes: readonly string[]): string {
  return boxes.map((d) => `\\boxed{${d}}`).join(', ');
}
