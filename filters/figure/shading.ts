import { around } from '../text/evidence.ts';
import { gated } from '../text/keyword-gate.ts';
import { sentences } from './prose.ts';

/** A shaded or gray region; the text defines it when it says what bounds it. */
const SHADED = /\bshaded\s+(?:region|area|part|portion|figure|sector|triangle|square|strip|ring|regions|areas|parts|portions|sectors|triangles|squares)\b|\b(?:gr[ae]y|darkened)\s+(?:region|area|part|portion)s?\b|\b(?:is|are)\s+shaded\b|\bshaded\s+(?:the\s+)?same\s+way\b/i;
const SHADED_GATE = gated(SHADED, ['shaded', 'gray', 'grey', 'darkened']);
const SHADE_DEFINED = /\bcreat(?:e|es|ed|ing)\b|\bobtained\b|\bleft\s+(?:over|after)\b|\bremov(?:e|es|ed|ing)\b|\bcut(?:ting)?\s+out\b|\bbound(?:s|ed)?\b|\bbetween\s+\w|\benclosed\b|\binside\b[^.]*\boutside\b|\boutside\b[^.]*\binside\b|\bwide\b|\bconsists?\s+of\b|\bformed\s+by\b/i;

/** A shaded region the text never defines (kind 1); `problem`: the text `prose` was made from (`proseOf`). */
export function undefinedShading(prose: string, problem = prose): string | null {
  // every sentence is a part of the prose: without the words no sentence can match
  if (!SHADED_GATE.may(prose, problem)) return null;
  const ss = sentences(prose);
  let first: string | null = null;
  for (let i = 0; i < ss.length; i++) {
    const m = SHADED.exec(ss[i]);
    if (!m) continue;
    // a sentence about the region, or the next one when it continues about "it", may define it
    const next = ss[i + 1] && /^(?:it|this|they)\b/i.test(ss[i + 1]) ? ss[i + 1] : '';
    if (SHADE_DEFINED.test(ss[i] + ' ' + next)) return null;
    first ??= around(ss[i], m.index, m[0].length);
  }
  return first;
}

