import { describe, expect, it } from 'vitest';
import { multiPartEvidence } from '../../filters/multi-part.ts';

describe('multi_part', () => {
  it.each([
    ['(1)(2)', 'Given $f(x)=2\\sin x$.\n(1) Find the period of $f$;\n(2) Find the maximum of $f$ on $[0,\\pi]$.'],
    ['(I)(II)', 'In triangle $ABC$, $a=2$.\n(I) Find $c$;\n(II) Find the area.'],
    ['(Ⅰ)(Ⅱ)', 'Given $a_1=1$. (Ⅰ) Find $a_2$; (Ⅱ) Find the general term.'],
    ['①②', 'Let $f(x)=x^2$. ① Find $f(2)$; ② Find the minimum of $f$.'],
    ['(a)(b)', 'Let $n>1$. (a) Find the number of divisors of $2^n$. (b) Find the number of divisors of $6^n$.'],
    ['a) b) lines', '$a)$ Find the remainder of $2^{100}$ mod 7.\n$b)$ Find the remainder of $3^{100}$ mod 7.'],
    ['part (a)', 'Part (a): What is $2+2$? Part (b): What is $3+3$?'],
    ['Calculate: (1)(2)', 'Calculate: $(1)\\ (-2)^{2}+\\sqrt{9}$; $(2)\\ (\\sqrt{3}+1)(\\sqrt{3}-1)$.'],
  ])('fires on %s', (_n, p) => expect(multiPartEvidence(p)).not.toBeNull());

  it.each([
    ['decimals', 'Given $a=1.5$ and $b=2.5$, compute $a^2+b^2$.'],
    ['equation refs', 'From equations (1) $x+2y=4$ and (2) $3x-y=5$, find $x+y$.'],
    ['function values', 'Given $f(1)=2$ and $f(2)=5$, find $f(3)$ if $f$ is linear.'],
    ['conditions then one question', 'Find all $f$ such that\n(1) $f(1)=1$;\n(2) $f(x+y)=f(x)+f(y)$.\nFind $f(5)$.'],
    ['numbered conditions 1) 2)', 'Let $f$ satisfy:\n1) $f(x)\\neq x$;\n2) $f(f(x))=x$.\nFind the number of such $f$.'],
    ['tuple answer', 'Find $x$ and $y$ if $x+y=7$ and $xy=12$.'],
    ['statements to judge', 'Which are true? ① $1<2$; ② $2<1$; ③ $0=0$.'],
    ['single numbered problem', '1. Find $x$ if $2x=4$.'],
  ])('does not fire on look-alike: %s', (_n, p) => expect(multiPartEvidence(p)).toBeNull());
});
