import { describe, expect, it } from 'vitest';
import { classify, parseAnswer } from '../../checker/index.ts';

describe('classify: kinds', () => {
  it.each([
    ['42', 'number'], ['-3.5', 'number'], ['\\frac{1}{3}', 'number'], ['2\\sqrt{3}', 'number'], ['\\pi^2', 'number'], ['3+4i', 'number'],
    ['10^{10^{10}}', 'number'], ['1101_2', 'number'], ['x = 5', 'number'],
    ['x^2 + 1', 'expression'], ['\\sin x', 'expression'], ['\\log_2 n', 'expression'], ['n!', 'expression'], ['\\binom{n}{k}', 'expression'],
    ['y = 2x + 1', 'equation'], ['x^2 + y^2 = 1', 'equation'],
    ['x \\le 3', 'inequality'], ['0 < x < 1', 'inequality'], ['x \\neq 3', 'inequality'],
    ['[0, 1)', 'interval'], ['(-\\infty, 3]', 'interval'], ['(0,1) \\cup (2,3)', 'interval'],
    ['\\{1, 2\\}', 'set'], ['1, 2, 3', 'set'], ['3 \\pm \\sqrt{2}', 'set'], ['\\emptyset', 'set'],
    ['(1, 2)', 'tuple'], ['(1, 2, 3)', 'tuple'], ['(p,q) = (3, 2)', 'tuple'],
    ['\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', 'matrix'], ['\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', 'matrix'],
  ])('%s is %s', (answer, kind) => {
    const c = classify(answer);
    expect(c.kind).toBe(kind);
    expect(c.closedForm).toBe(true);
    expect(c.canonical).toBeTypeOf('string');
    expect(c.reason).toBeNull();
  });
});

describe('classify: not closed form, with reasons', () => {
  it.each([
    ['', 'empty'], ['   ', 'empty'], ['$ $', 'empty'],
    ['The answer is the set of all odd numbers', 'prose'], ['\\text{Sunday}', 'prose'], ['\\text{circle}', 'prose'],
    ['(C)', 'option_letter'], ['\\text{(B)}', 'option_letter'], ['E', 'option_letter'],
    ['Yes', 'yes_no'], ['\\text{no}', 'yes_no'], ['True', 'true_false'], ['false', 'true_false'],
    ['1, 2, \\ldots, n', 'ellipsis'], ['x^{', 'unparseable'], ['\\frac{1}{', 'unparseable'], ['2 +* 3', 'unparseable'],
    ['9'.repeat(13_000), 'too_long'], ['(1+'.repeat(400) + 'x' + ')'.repeat(400), 'too_deep'], ['\\sqrt{'.repeat(400) + 'x' + '}'.repeat(400), 'too_deep'],
  ])('%s → %s', (answer, reason) => {
    const c = classify(answer);
    expect(c.closedForm).toBe(false);
    expect(c.kind).toBe('not_closed_form');
    expect(c.canonical).toBeNull();
    expect(c.reason).toBe(reason);
  });
});

describe('parseAnswer: typed tree', () => {
  it('keeps big integers and rationals exact', () => {
    const p = parseAnswer('123456789012345678901234567890/3');
    expect(p.kind).toBe('number');
    expect(classify('123456789012345678901234567890/3').canonical).toBe('41152263004115226300411522630');
  });
  it('marks written decimals', () => {
    const p = parseAnswer('0.25');
    expect(p.kind === 'number' && p.expr.type === 'num' && p.expr.decimal).toBe('0.25');
  });
  it('reads intervals with their closedness', () => {
    const p = parseAnswer('(-\\infty, 3]');
    expect(p.kind).toBe('interval');
    if (p.kind === 'interval') expect([p.parts[0].loClosed, p.parts[0].hiClosed]).toEqual([false, true]);
  });
  it('reads matrices row by row', () => {
    const p = parseAnswer('\\begin{bmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\end{bmatrix}');
    expect(p.kind === 'matrix' && p.rows.map((r) => r.length)).toEqual([3, 3]);
  });
  it('never throws on junk', () => {
    for (const s of ['}', '{', '\\', '\\begin{foo}', '^^^', '\\frac', '((()', '$$$', '\\sqrt[', '|x', '\\left(', 'x__1']) {
      expect(() => parseAnswer(s)).not.toThrow();
      expect(() => classify(s)).not.toThrow();
    }
  });
});
