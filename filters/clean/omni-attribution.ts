/**
 * Omni-MATH problems copied from AoPS carry the proposer's name (`[i]Sean Li[/i]`,
 * `(D. Fomin, Leningrad)`) and HMMT estimation problems carry the scoring rule ("An estimate of
 * E will receive ... points"). Neither is part of the question.
 */
export const STRIP_ATTRIBUTION = 'strip_attribution';
export const STRIP_SCORING = 'strip_scoring';

/** A final line that is only an italic name/country/author note: short, no math. */
const ITALIC_LAST_LINE = /\n\s*\[i\]\s*([^\[\]$\n]{2,80})\s*\[\/i\]\s*$/;
/** A final parenthesised name list, every word capitalised: `(Maxim Didin)`, `(D. Fomin, Leningrad)`. */
const PAREN_NAME = /\s*\(((?:[A-Z][\p{L}'’.\-]*\.?)(?:[ ,]+(?:[A-Z][\p{L}'’.\-]*\.?|and|of|de|van|von)){0,6})\)\s*$/u;

export function stripOmniAttribution(problem: string): string {
  let s = problem.replace(/\s+$/, '');
  const italic = ITALIC_LAST_LINE.exec(s);
  if (italic && !/[?]/.test(italic[1])) s = s.slice(0, italic.index);
  const paren = PAREN_NAME.exec(s);
  // a name has at least one lower-case run; "(ABC)" or "(I)" is mathematics, not a name
  if (paren && /\p{Ll}{2,}/u.test(paren[1]) && paren.index > 0 && !/\$\s*$/.test(s.slice(0, paren.index))) {
    s = s.slice(0, paren.index);
  }
  return s.trim() === problem.trim() ? problem : s.trimEnd();
}

/**
 * Scoring rules of estimation rounds, always the last sentence(s): "An estimate of $E$ will
 * receive ... points.", "If your answer is ..., your score will be ...".
 */
const SCORING = /\s*(?:An estimate of|An answer of|If (?:you|your answer)|Your score|A submission of|Submit a positive|Submit an)\b[\s\S]*?\b(?:points?|score[sd]?|zero)\b[\s\S]*$/;

export function stripScoringText(problem: string): string {
  const m = SCORING.exec(problem);
  if (!m || m.index === 0) return problem;
  const tail = m[0];
  // only the trailing scoring paragraph, never a sentence with the actual question in it
  if (/\b(?:find|compute|determine|what|how many)\b/i.test(tail) && !/\b(?:receive|earn|score)\b/i.test(tail)) return problem;
  if (!/\b(?:receive|earn|score|will get|points)\b/i.test(tail)) return problem;
  return problem.slice(0, m.index).trimEnd();
}
