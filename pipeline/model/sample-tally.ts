import { answerKey, type Graded } from './grade.ts';

/**
 * What the samples of one record add up to. Built from cache lines and fresh responses alike;
 * every sample index counts once, so the order samples arrive in changes nothing.
 */
export class SampleTally {
  readonly have: Uint8Array;
  completed = 0;
  correct = 0;
  noAnswer = 0;
  failed = 0;
  promptTokens = 0;
  completionTokens = 0;
  private readonly answers = new Map<string, { count: number; correct: boolean; shown: string }>();

  constructor(n: number) {
    this.have = new Uint8Array(n);
  }

  /** Adds sample `index`; false when it is beyond `n` or already counted. */
  add(index: number, g: Graded): boolean {
    if (index >= this.have.length || this.have[index]) return false;
    this.have[index] = 1;
    this.completed++;
    if (g.correct) this.correct++;
    if (g.extracted === null) {
      this.noAnswer++;
      return true;
    }
    const key = answerKey(g.extracted);
    const a = this.answers.get(key);
    if (a) {
      a.count++;
      // The shown form is the smallest spelling seen: independent of arrival order.
      if (g.extracted < a.shown) a.shown = g.extracted;
    } else this.answers.set(key, { count: 1, correct: g.correct, shown: g.extracted });
    return true;
  }

  /** Runs of sample indices still missing, as [start, count]. */
  missing(): [number, number][] {
    const runs: [number, number][] = [];
    for (let i = 0; i < this.have.length; i++) {
      if (this.have[i]) continue;
      let j = i;
      while (j < this.have.length && !this.have[j]) j++;
      runs.push([i, j - i]);
      i = j;
    }
    return runs;
  }

  /** Answers, most common first (ties by text, so the order is deterministic). */
  ranked(): { answer: string; count: number; correct: boolean }[] {
    return [...this.answers.values()]
      .map((a) => ({ answer: a.shown, count: a.count, correct: a.correct }))
      .sort((x, y) => y.count - x.count || (x.answer < y.answer ? -1 : x.answer > y.answer ? 1 : 0));
  }
}
