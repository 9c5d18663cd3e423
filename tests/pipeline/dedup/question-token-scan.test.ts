import { describe, expect, it } from 'vitest';
import { questionTokenText, questionTokens } from '../../../pipeline/dedup/question-tokens.ts';

/**
 * `questionTokens` scans tokens in place; it must read the tokens of the documented regex
 * (`questionTokenText`), each with the value the token has on its own (values do not depend on
 * the neighbours; names aside, which need the original text).
 */
function same(t: string): void {
  const tokens = questionTokenText(t);
  const expected = tokens.map((tok) => questionTokens(tok)[0]);
  expect(Array.from(questionTokens(t)), JSON.stringify(t.slice(0, 80))).toEqual(expected);
}

describe('question token scan', () => {
  it('reads the regex tokens on edge cases', () => {
    for (const t of ['', '\\', '\\\\alpha?', '1.5.3 a1.b 2.', 'find x+1=\\frac{1}{2}.', '𝑥𝑦 + 𝟙!', 'a\ud800b \udc00', 'é ü ß ΣΩ 中文 ①②', '..1..', 'not the 3 colors'])
      same(t);
  });
  it('reads the regex tokens on every BMP code unit', () => {
    for (let start = 0; start < 0x10000; start += 997) {
      let t = '';
      for (let c = start; c < Math.min(start + 997, 0x10000); c++) t += String.fromCharCode(c) + (c % 5 === 0 ? ' ' : '');
      same(t);
    }
  });
});
