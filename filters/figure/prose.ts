/**
 * The views of a problem the figure cues read: prose with Asymptote removed and each math span
 * replaced by `§` (so "for $n=3$" stays visible as "for §"), and its sentences.
 */
export const MATH_SPANS = /\$\$[\s\S]*?\$\$|\$(?:\\.|[^$\\])*\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)|\\begin\{(equation|align|gather|eqnarray|array|tabular|cases|pmatrix|bmatrix|matrix)\*?\}[\s\S]*?\\end\{\1\*?\}/g;
export const ASY_BLOCK = /\[asy\]([\s\S]*?)(?:\[\/asy\]|$)/gi;

/** A run of spaces and tabs that is not a lone space (replacing those would change nothing). */
const BLANK_RUN = / [ \t]+|\t[ \t]*/g;

/**
 * Only replaces spans by ` ` or ` § ` and runs of blanks by one space: a run of other characters
 * in the prose is a run of the problem, so a keyword gate may scan the problem for the prose's
 * rules (their trigger words hold no space and no `§`).
 */
export function proseOf(problem: string): string {
  // (a text without `[` has no `[asy]` block: the scan is skipped)
  return (problem.includes('[') ? problem.replace(ASY_BLOCK, ' ') : problem).replace(MATH_SPANS, ' § ').replace(BLANK_RUN, ' ');
}

export function sentences(prose: string): string[] {
  return prose.split(/(?<=[.?!])\s+/);
}

