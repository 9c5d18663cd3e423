import type { Config } from '../schemas/config.ts';
import type { Signal } from '../schemas/signal.ts';
import type { Filter, FilterInput } from './filter.ts';
import { answerLeak } from './answer-leak.ts';
import { answerMismatch } from './answer-mismatch.ts';
import { answerNotClosedForm } from './answer-not-closed-form.ts';
import { figureRequired } from './figure-required.ts';
import { hyperlink } from './hyperlink.ts';
import { missingAnswer } from './missing-answer.ts';
import { multipleAnswers } from './multiple-answers.ts';
import { multipleChoice } from './multiple-choice.ts';
import { multiPart } from './multi-part.ts';
import { nonEnglish } from './non-english.ts';
import { proof } from './proof.ts';
import { sourceExcluded } from './source-excluded.ts';
import { trueFalse } from './true-false.ts';
import { yesNo } from './yes-no.ts';

export { cleanRecord } from './clean/index.ts';
export { readableAnswer } from './text/answer-reading.ts';

/** Every per-record filter, in pipeline order (the order of REASON_CODES). */
export const FILTERS: readonly Filter[] = [
  sourceExcluded,
  nonEnglish,
  hyperlink,
  figureRequired,
  missingAnswer,
  multipleAnswers,
  multipleChoice,
  yesNo,
  trueFalse,
  proof,
  multiPart,
  answerNotClosedForm,
  answerMismatch,
  answerLeak,
];

/**
 * One signal per filter, every filter always runs: the record keeps all verdicts, so its
 * `reasons` lists everything that failed and disabling a filter needs no recomputation.
 * A filter that throws yields a fired signal naming the error instead of losing the record.
 */
export function runFilters(input: FilterInput, config: Config): Signal[] {
  return FILTERS.map((f) => {
    try {
      return f.apply(input, config);
    } catch (e) {
      return { filter: f.name, reason: f.reason, fired: true, evidence: `filter error: ${(e as Error).message}`.slice(0, 300) };
    }
  });
}
