/**
 * AoPS-forum style rows (NuminaMath `aops_forum`, `olympiads`, `amc_aime`) carry lines that are
 * not part of the problem: the proposer ("Proposed by ..."), the contest-year header
 * ("2019 Moldova TST"), and point values ("(10 points)", "[15 pts]").
 */
export const STRIP_AOPS_ATTRIBUTION = 'strip_aops_attribution';
export const STRIP_POINTS = 'strip_points';

const PROPOSED_LINE = /^\s*(?:\*|_|\[i\]|\()?\s*(?:Proposed|Submitted|Suggested|Author(?:ed)?)(?: by)?:?\s+[^\n$?]{2,80}?(?:\*|_|\[\/i\]|\))?\s*$/gim;
/** A whole line that is a year, optionally followed by a contest name: "2005 Moldova", "1998 IMO Shortlist". */
const YEAR_LINE = /^\s*(?:19|20)\d{2}\s*(?:[A-Z][\w.\-]*\s*){0,6}(?:Problem\s*\d+)?\s*$/gm;
const POINTS = /\s*[([【]\s*\d+\s*(?:points?|pts?\.?|marks?|分)\s*[)\]】]\s*/gi;
const POINT_LINE = /^\s*\d+\s*(?:points?|pts?\.?)\s*$/gim;

export function stripAopsAttribution(problem: string): string {
  const s = problem.replace(PROPOSED_LINE, '').replace(YEAR_LINE, '').replace(/\n{3,}/g, '\n\n').trim();
  return s === problem.trim() ? problem : s;
}

export function stripPoints(problem: string): string {
  const s = problem
    .replace(POINT_LINE, '')
    .replace(POINTS, (m, offset: number) => (offset === 0 ? '' : ' '))
    .trim();
  return s === problem.trim() ? problem : s;
}
