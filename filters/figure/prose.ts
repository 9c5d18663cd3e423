/**
 * The views of a problem the figure cues read: prose with Asymptote removed and each math span
 * replaced by `§` (so "for $n=3$" stays visible as "for §"), and its sentences.
 */
export const MATH_SPANS = /\$\$[\s\S]*?\$\$|\$(?:\\.|[^$\\])*\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)|\\begin\{(equation|align|gather|eqnarray|array|tabular|cases|pmatrix|bmatrix|matrix)\*?\}[\s\S]*?\\end\{\1\*?\}/g;
export const ASY_BLOCK = /\[asy\]([\s\S]*?)(?:\[\/asy\]|$)/gi;

export function proseOf(problem: string): string {
  return problem.replace(ASY_BLOCK, ' ').replace(MATH_SPANS, ' § ').replace(/[ \t]+/g, ' ');
}

export function sentences(prose: string): string[] {
  return prose.split(/(?<=[.?!])\s+/);
}

