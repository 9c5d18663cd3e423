import { describe, expect, it } from 'vitest';
import { multiPart, multiPartEvidence, separateQuestions } from '../../filters/multi-part.ts';
import { config, input } from './helpers.ts';

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

  describe('separate questions without labels', () => {
    it.each([
      ['two questions', 'A number is multiplied by $4$ and the result is $36$. What is the number? Is it odd or even?'],
      ['two direct questions', 'A train travels $120$ km in $2$ hours. What is its speed? How far does it go in $5$ hours?'],
      ['two problems in one (concatenation)', 'If $0.8=\\frac{y}{186+x}$, find the smallest value of $x$, if $x$ and $y$ are positive integers.\n\nDetermine the largest possible value of $n$ for which $\\frac{a}{b}<\\frac{a+1}{b+n}$ holds.'],
    ])('fires on %s', (_n, p) => expect(separateQuestions(p)).not.toBeNull());

    it.each([
      ['question + format instruction', 'Find $x$ if $3x=2$. Express your answer as a fraction.'],
      ['question + rounding', 'What is the probability of two heads? Round to the nearest hundredth.'],
      ['setup step then the question', 'Find all 6-digit multiples of 22 of the form $5d5,\\!22e$. What is the maximum value of $d$?'],
      ['quoted question in the story', 'Alice asks Bob, "How old are you?" Bob answers that he is twice her age minus $3$. If Alice is $10$, how old is Bob?'],
      ['rephrasing in parentheses', 'How many ways are there to win tic-tac-toe on a $3\\times3$ board? (That is, how many lines pass through three cells?)'],
      ['a literal question mark symbol', 'Two squares are known, as shown. What is the probability that the square marked by ? contains 3?'],
      ['survey questions are data', 'On a survey students answer:\n\n$\\bullet$ a) Are you female?\n$\\bullet$ b) Do you play an instrument?\n\nHow many different answer combinations are possible?'],
      ['one question', 'What is the value of $2+2$?'],
    ])('does not fire on look-alike: %s', (_n, p) => expect(separateQuestions(p)).toBeNull());
  });
});


describe('multi_part: a second problem appended', () => {
  const fires = (p: string) => multiPart.apply(input({ problem: p }), config()).fired;
  it('fires on OpenMathInstruct-2 rows that append another problem', () => {
    expect(fires('Compute $\\mathbf{A}^{100}$ for the matrix above.\n\nAnother problem inspired by this one:\n\nFind the smallest positive integer $n$ such that $n^2>50$.')).toBe(true);
    expect(fires('What is the sum of the roots of $x^2-5x+6=0$?\n\nNew problem:\nFind the product of the roots of $x^2-7x+2=0$.')).toBe(true);
  });
  it('does not fire on a worked example that leads to the one problem', () => {
    expect(fires('The roots of $x^2-1=0$ are $1$ and $-1$, so their mean is $0$.\n\nNow, let\'s create a new problem that requires a different approach to solve:\n\nProblem:\nSolve $x^3=8$.')).toBe(false);
    expect(fires('Solve the following problem: what is $2+2$?')).toBe(false);
  });
});
