import fc from 'fast-check';

/** Random LaTeX answers from a small grammar covering every answer kind. */
const int = fc.integer({ min: -50, max: 200 }).map(String);
const atom = fc.oneof(
  int,
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })).map(([a, b]) => `\\frac{${a}}{${b}}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
  fc.integer({ min: 2, max: 30 }).map((n) => `\\sqrt{${n}}`),
  fc.constantFrom('\\pi', 'e', 'x', 'y', 'n', 'i', '\\theta', 'a_1'),
);
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '\\cdot ', '/'), tie('e')).map(([a, op, b]) => `${a}${op}${b}`),
    fc.tuple(tie('e'), fc.integer({ min: 0, max: 4 })).map(([a, k]) => `\\left(${a}\\right)^{${k}}`),
    tie('e').map((a) => `\\sqrt{${a}}`),
    tie('e').map((a) => `\\sin\\left(${a}\\right)`),
    tie('e').map((a) => `\\frac{${a}}{3}`),
  ),
})).e;

export const answerArb: fc.Arbitrary<string> = fc.oneof(
  expr,
  fc.tuple(expr, expr).map(([a, b]) => `${a}=${b}`),
  fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('<', '\\le ', '>', '\\ge ', '\\ne '), int).map(([v, op, c]) => `${v}${op}${c}`),
  fc.tuple(fc.constantFrom('(', '['), int, int, fc.constantFrom(')', ']')).map(([o, a, b, c]) => `${o}${a},${b}${c}`),
  fc.array(expr, { minLength: 1, maxLength: 4 }).map((xs) => `\\{${xs.join(',')}\\}`),
  fc.array(expr, { minLength: 2, maxLength: 4 }).map((xs) => `(${xs.join(',')})`),
  fc.array(int, { minLength: 4, maxLength: 4 }).map(([a, b, c, d]) => `\\begin{pmatrix}${a}&${b}\\\\${c}&${d}\\end{pmatrix}`),
  fc.constantFrom('\\text{yes}', '(C)', '', 'The answer is unknown', '\\emptyset'),
);

/** Arbitrary junk made of the characters LaTeX answers use. */
export const junkArb: fc.Arbitrary<string> = fc.array(
  fc.constantFrom('\\frac', '\\sqrt', '{', '}', '(', ')', '[', ']', '^', '_', '\\left', '\\right', '1', '9', 'x', '+', '-', '=',
    '\\le', ',', '\\{', '\\}', '\\boxed', '$', '.', '\\pi', '|', '&', '\\\\', '\\begin{pmatrix}', '\\end{pmatrix}', ' ', '!',
    '\\text{', 'cm', '%', '\\cup', '\\infty', ':', ';', '\\pm', '0.', '\\overline{3}', 'e', 'i'),
  { maxLength: 60 },
).map((xs) => xs.join(''));
