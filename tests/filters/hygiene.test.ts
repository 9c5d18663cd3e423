import { describe, expect, it } from 'vitest';
import { hyperlink } from '../../filters/hyperlink.ts';
import { detectNonEnglish } from '../../filters/non-english.ts';
import { missingAnswer } from '../../filters/missing-answer.ts';
import { sourceExcluded } from '../../filters/source-excluded.ts';
import { answerNotClosedForm } from '../../filters/answer-not-closed-form.ts';
import { config, input } from './helpers.ts';

describe('non_english', () => {
  it.each([
    '已知集合 $A=\\{1,2,3\\}$，$B=\\{2,3,4\\}$，则 $A\\cap B=$ ______。',
    'Найдите все натуральные числа $n$, для которых $2^n+1$ делится на $3$.',
    'Sea $f(x)=x^2$. Encuentra el valor mínimo de la función en el intervalo dado.',
    'Man bestimme alle reellen Zahlen $x$, für die gilt',
  ])('fires: %s', (p) => expect(detectNonEnglish(p).fired).toBe(true));
  it.each([
    'Compute $\\sum_{k=1}^{10} k$.',
    'Let $\\alpha$ and $\\beta$ be the roots of $x^2-3x+1=0$. Find $\\alpha^2+\\beta^2$.',
    'Xiao Ming walks $3$ km in $45$ minutes. How far does he walk in $2$ hours?',
    'Let $f:\\mathbb{R}\\to\\mathbb{R}$ satisfy $f(x+y)=f(x)+y$. Determine all such $f$.',
    'Soit is the name of the cat. The cat eats 3 mice a day. How many in a week?',
  ])('does not fire: %s', (p) => expect(detectNonEnglish(p).fired).toBe(false));
});

describe('hyperlink', () => {
  const fires = (problem: string, solution = '') => hyperlink.apply(input({ problem, solution }), config()).fired;
  it('fires on URLs in the problem', () => {
    expect(fires('See https://artofproblemsolving.com/community/c6h1 for the thread.')).toBe(true);
    expect(fires('Source: www.example-olympiad.org/problems')).toBe(true);
    expect(fires('See \\url{http://oeis.org/A001349}. Compute it.')).toBe(true);
    expect(fires('[url=http://x.org]link[/url] Find x.')).toBe(true);
    // each kind the literal pre-check must let through
    expect(fires('Scores are posted on mathcounts.org after the round.')).toBe(true);
    expect(fires('As in \\href{x}{this note}, compute it.')).toBe(true);
    expect(fires('SEE WWW.EXAMPLE.COM FOR HINTS.')).toBe(true);
    expect(fires('ftp://mirror.example.net/p1.pdf has the figure.')).toBe(true);
  });
  it('records a link only in the solution without rejecting', () => {
    for (const solution of ['See \\url{http://oeis.org/A001349}.', 'As in \\href{x}{this note}.', 'Source: https://artofproblemsolving.com/wiki']) {
      const s = hyperlink.apply(input({ problem: 'Compute it.', solution }), config());
      expect(s.fired).toBe(false);
      expect(s.evidence).toMatch(/^solution only/);
    }
    expect(hyperlink.apply(input({ problem: 'Compute it.', solution: 'It is 2.' }), config()).evidence).toBe('');
  });
  it('does not fire on look-alikes', () => {
    expect(fires('Compute $\\sum k$, e.g. by pairing terms, at 3 a.m. sharp.')).toBe(false);
    expect(fires('The string wwwx has 4 letters. How many arrangements?')).toBe(false);
    expect(fires('Let $f(x)=x.y$ and $a.b=3$. Find $f(2)$.')).toBe(false);
  });
});

describe('missing_answer', () => {
  const fires = (answer: string | null, origin: 'column' | 'solution_boxed' = 'solution_boxed') => missingAnswer.apply(input({ answer, answer_origin: origin }), config()).fired;
  it('fires on no box, an empty box, or an empty column', () => {
    expect(fires(null)).toBe(true);
    expect(fires('')).toBe(true);
    expect(fires('\\text{}')).toBe(true);
    expect(fires('  ', 'column')).toBe(true);
  });
  it('does not fire on real answers, even odd ones', () => {
    expect(fires('0')).toBe(false);
    expect(fires('\\varnothing')).toBe(false);
    expect(fires('\\text{No}')).toBe(false);
  });
});

describe('source_excluded', () => {
  it('follows source_policy', () => {
    expect(sourceExcluded.apply(input({ source: 'numinamath', subset: 'synthetic_math' }), config()).fired).toBe(true);
    expect(sourceExcluded.apply(input({ source: 'numinamath', subset: 'cn_k12' }), config()).fired).toBe(false);
    expect(sourceExcluded.apply(input({ source: 'harp', subset: 'synthetic_math' }), config()).fired).toBe(false);
    expect(sourceExcluded.apply(input({ source: 'numinamath', subset: 'synthetic_math' }), config({ source_policy: { exclude_subsets: {} } })).fired).toBe(false);
  });
});

describe('answer_not_closed_form', () => {
  const fires = (answer: string, kind: string | null, reason: string | null) => answerNotClosedForm.apply(input({ answer, answer_kind: kind, answer_not_closed_reason: reason }), config()).fired;
  it('fires on prose and unparseable answers', () => {
    expect(fires('\\text{a pair of straight lines}', null, 'prose')).toBe(true);
    expect(fires('②③', null, 'unparseable')).toBe(true);
  });
  it('leaves answers with their own reason code to those filters', () => {
    expect(fires('Yes', null, 'yes_no')).toBe(false);
    expect(fires('C', null, 'option_letter')).toBe(false);
    expect(fires('True', null, 'true_false')).toBe(false);
    expect(fires('', null, 'empty')).toBe(false);
    expect(fires('\\frac12', 'number', null)).toBe(false);
  });
});
