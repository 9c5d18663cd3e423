import { describe, expect, it } from 'vitest';
import { blankCount } from '../../../filters/text/blanks.ts';

describe('blankCount', () => {
  it('counts a spacing blank at the end of a sentence as well as before a comma (cn_k12 row)', () => {
    expect(blankCount('$(-b)^2 \\cdot (-b)^3 \\cdot (-b)^5 = \\quad$, $(2ab^2)^3 = \\quad$.')).toBe(2);
    expect(blankCount('Then $x = \\quad$')).toBe(1);
  });
  it('counts underscores and underlined spaces, and a parenthesised pair of blanks as one tuple', () => {
    expect(blankCount('The range is ______ and the minimum is \\_\\_\\_\\_.')).toBe(2);
    expect(blankCount('The point is (____, ____).')).toBe(0);
    expect(blankCount('$a = \\quad b$ where $b = 2$.')).toBe(0); // a space inside a formula is no blank
  });
});
