/** The ways model responses state their final answer, as seen in real rollouts. */
import type { Rng } from '../synthetic/prng.ts';
import { matchBrace } from './latex-text.ts';

export type Ending = [name: string, render: (answer: string, rng: Rng) => string];

const NOUNS = ['value', 'answer', 'number', 'result', 'total', 'sum', 'area', 'probability'];

export const ENDINGS: Ending[] = [
  ['boxed', (a) => `Therefore, the final answer is $\\boxed{${a}}$.`],
  ['display boxed', (a) => `So we get\n\\[\n\\boxed{${a}}\n\\]`],
  ['minerva final answer', (a) => `Final Answer: The final answer is $${a}$. I hope it is correct.`],
  ['the answer is', (a) => `The answer is $${a}$.`],
  ['the answer is (no $)', (a) => `The answer is: ${a}`],
  ['markdown bold', (a) => `**Final answer:** **$${a}$**`],
  ['markdown heading', (a) => `### Final Answer\n\n$$${a}$$`],
  ['answer sentence', (a, rng) => `Hence the ${rng.pick(['largest', 'smallest', 'required', 'desired'])} ${rng.pick(NOUNS)} is $${a}$.`],
  ['boxed then chat end', (a) => `The answer is $\\boxed{${a}}$.<|im_end|>`],
  ['boxed then next user turn', (a, rng) => `Thus the answer is $\\boxed{${a}}$.<|im_end|>\n<|im_start|>user\nNow solve this one: what is ${rng.int(11, 99)} + ${rng.int(11, 99)}?<|im_end|>\n<|im_start|>assistant\n`],
  ['final answer then eot', (a) => `Final Answer: $${a}$<|eot_id|>`],
];

/** Plain-text endings for plain values (a fraction as 2/3, an integer without math mode). */
export const PLAIN_ENDINGS: Ending[] = [
  ['plain text value at the end', (a) => `So the answer is ${a}`],
  ['plain text sentence', (a, rng) => `Therefore the ${rng.pick(NOUNS)} is ${a}.`],
  ['bold plain value', (a) => `The answer is **${a}**.`],
];

/** The solution text without its boxes, its last ~1500 characters from a paragraph start. */
export function bodyOf(solution: string): string {
  // every \boxed{...} (any nesting) becomes its content: the ending added later is the only stated answer
  let s = solution;
  for (let at = s.search(/\\(?:boxed|fbox)\s*\{/); at >= 0; at = s.search(/\\(?:boxed|fbox)\s*\{/)) {
    const open = s.indexOf('{', at);
    const close = matchBrace(s, open);
    if (close < 0) return '';
    s = s.slice(0, at) + s.slice(open + 1, close) + s.slice(close + 1);
  }
  if (s.length > 1500) {
    const cut = s.indexOf('\n', s.length - 1500);
    s = cut > 0 ? s.slice(cut + 1) : s.slice(s.length - 1500);
  }
  return s.trim();
}
