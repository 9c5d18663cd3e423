import { describe, expect, it } from 'vitest';
import { classify, clearCheckerCaches } from '../../checker/index.ts';
import { classifyParsed } from '../../checker/classify.ts';
import { parseUncached } from '../../checker/parse.ts';

/** classify's shortcut for plain integers must give what the parser gives. */
describe('plain integer answers', () => {
  it('classify like the parser', () => {
    clearCheckerCaches();
    const answers = ['0', '-1', '7', '10', '-250', '1000000', '123456789012345678901234567890', '9'.repeat(41), '-' + '1'.repeat(41)];
    for (let n = 0; n < 3000; n++) answers.push(String(n), String(-n - 1), String(n * 7919 + 10 ** (n % 16)));
    for (const a of answers) expect(classify(a), a).toEqual(classifyParsed(parseUncached(a)));
  });
  it('leave other spellings to the parser', () => {
    for (const a of ['-0', '007', '1,000', '+3', ' 4', '4 ', '1e3']) expect(classify(a), a).toEqual(classifyParsed(parseUncached(a)));
  });
});
