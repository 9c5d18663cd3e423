import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reward pairs for the serve benchmark and tests: the 500 real MATH-500 gold answers (the copy that
 * ships in tests/fixtures) against model-style responses in four styles, cycling per round of 500:
 *   0  the reference solution, which ends in \boxed{gold}          (equal)
 *   1  a Minerva-style "Final Answer: The final answer is $X$. I hope it is correct." with the answer of
 *      another problem                                             (mostly not equal)
 *   2  "... the answer is \boxed{p/q}" with a fraction never seen before (not equal; a parse-cache miss,
 *      as fresh wrong answers are in training)
 *   3  the gold restated in prose, "Therefore, the answer is $gold$." (equal, no box)
 * Every response opens with a line naming its index, so no two response texts are the same.
 */

export interface RewardPair { gold: string; response: string }
interface Row { solution: string; answer: string }

const FIXTURE = join(import.meta.dirname, '..', 'tests', 'fixtures', 'checker', 'math-500.jsonl');

let rows: Row[] | null = null;
function math500(): Row[] {
  rows ??= readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
  return rows;
}

export function math500Pair(k: number): RewardPair {
  const all = math500();
  const row = all[k % all.length];
  const style = Math.floor(k / all.length) % 4;
  const head = `Let me solve this step by step (sample ${k}).\n\n`;
  if (style === 0) return { gold: row.answer, response: head + row.solution };
  if (style === 1) {
    const other = all[(k * 7 + 3) % all.length].answer;
    return { gold: row.answer, response: `${head}${row.solution.slice(0, 300)}\n\nFinal Answer: The final answer is $${other}$. I hope it is correct.` };
  }
  if (style === 2) return { gold: row.answer, response: `${head}${row.solution.slice(0, 200)} so the answer is $\\boxed{\\frac{${k + 1}}{${(k % 89) + 2}}}$.` };
  return { gold: row.answer, response: `${head}${row.solution.slice(0, 400)}\n\nTherefore, the answer is $${row.answer}$.` };
}

/** Pairs start, start+1, ..., start+n-1. */
export function math500Pairs(n: number, start = 0): RewardPair[] {
  return Array.from({ length: n }, (_, i) => math500Pair(start + i));
}
