/**
 * Fill-in blanks of cn_k12-style problems: runs of underscores (`____`, `\_\_\_`),
 * `\underline{\quad}`, and `= \quad` before a comma or at the end of a sentence. Each blank asks for one answer, so two
 * blanks ask two questions, except blanks inside one pair of parentheses, `(____, ____)`, which
 * ask for one tuple.
 */
const TUPLE_OF_BLANKS = /\(\s*(?:\\_|_|\\q?quad|\s)+(?:,\s*(?:\\_|_|\\q?quad|\s)+)+\)/g;
const BLANK = /(?:\\_\s*){2,}|_{3,}|\\underline\{\s*(?:\\q?quad|\\hspace\{[^{}]*\}|~|\s)*\}|=\s*\\q?quad\s*\$?\s*(?:[,，;；.。]|$)/g;

export function blankCount(problem: string): number {
  if (!problem.includes('_') && !problem.includes('quad')) return 0;
  return (problem.replace(TUPLE_OF_BLANKS, ' ').match(BLANK) ?? []).length;
}
