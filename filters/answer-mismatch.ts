import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { multiPartReading } from './multi-part.ts';
import { answersAgree, markedFinalAnswer } from './text/answer-reading.ts';

/**
 * The row's answer column disagrees with the final answer of its own solution: HARP `answer`
 * against `solution_1..N`, Omni-MATH `answer` against `solution`, OpenMathInstruct-2
 * `expected_answer` against `generated_solution`. One of the two is wrong, and an RL reward
 * computed from a wrong gold answer teaches the wrong thing.
 *
 * Only answers the checker reads are compared (a prose answer is `answer_not_closed_form`'s
 * business), and only a final answer the solution marks with `\boxed{}`. Any agreeing solution
 * settles it: HARP lists alternative solutions, one of which may box an intermediate value.
 * Sources whose answer is taken from the solution (MATH, NuminaMath) cannot disagree with it.
 */
export const answerMismatch: Filter = {
  name: 'answer_mismatch',
  reason: 'answer_mismatch',
  apply(rec) {
    if (rec.answer_origin !== 'column' || rec.answer === null || rec.answer_kind === null) return signal(this, false);
    const others = rec.metadata['other_solution_answers'];
    const stated = [markedFinalAnswer(rec.solution), ...(Array.isArray(others) ? others.map((x) => (typeof x === 'string' ? markedFinalAnswer(`\\boxed{${x}}`) : null)) : [])].filter(
      (x): x is string => x !== null,
    );
    if (stated.length === 0) return signal(this, false, 'no boxed final answer in the solution');
    if (stated.some((s) => answersAgree(rec.answer!, s))) return signal(this, false);
    const ev = `answer "${rec.answer.slice(0, 100)}" but the solution's final answer is "${stated[0]!.slice(0, 100)}"`;
    // in a problem of several parts the solution's last answer is another part's: multi_part says so
    if (multiPartReading(rec)) return signal(this, false, `${ev}; explained by several parts`);
    return signal(this, true, ev);
  },
};
