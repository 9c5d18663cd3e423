/**
 * Asymptote figures (`[asy]...[/asy]`, MATH and HARP). The code is a drawing program, not
 * problem text: a solver without a renderer cannot use it, and it breaks every text rule
 * (labels like "A", "(1)", "label(\"5\")"). Removing it makes the figure missing, which the
 * `figure_required` filter then judges according to `filters.figure_policy`.
 */
export const STRIP_ASY = 'strip_asy';

const ASY = /\s*\[asy\][\s\S]*?(?:\[\/asy\]|$)\s*/gi;

export function stripAsyFigures(problem: string): string {
  if (!/\[asy\]/i.test(problem)) return problem;
  return problem.replace(ASY, (m, offset: number, whole: string) => {
    // keep a paragraph break where the figure stood, unless it was at the start or end
    const atEdge = offset === 0 || offset + m.length >= whole.length;
    return atEdge ? '' : /\n/.test(m) ? '\n\n' : ' ';
  }).trim();
}
