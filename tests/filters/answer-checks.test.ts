import { describe, expect, it } from 'vitest';
import { answerLeak } from '../../filters/answer-leak.ts';
import { answerMismatch } from '../../filters/answer-mismatch.ts';
import { answerNotClosedForm, proseAnswer } from '../../filters/answer-not-closed-form.ts';
import { multipleAnswers } from '../../filters/multiple-answers.ts';
import { missingAnswer } from '../../filters/missing-answer.ts';
import { readableAnswer } from '../../filters/text/answer-reading.ts';
import { processRecord } from '../../pipeline/process/process-record.ts';
import { toRecord } from '../../pipeline/process/to-record.ts';
import { getAdapter } from '../../sources/registry.ts';
import { config, input } from './helpers.ts';

const column = (answer: string, solution: string, metadata: Record<string, unknown> = {}) =>
  input({ source: 'omni_math', answer, solution, answer_origin: 'column', answer_kind: 'number', metadata });

describe('answer_mismatch', () => {
  const fires = (answer: string, solution: string, metadata: Record<string, unknown> = {}) => answerMismatch.apply(column(answer, solution, metadata), config());
  it('fires when the boxed final answer of the solution differs, with both answers as evidence', () => {
    const s = fires('576', 'Counting gives $443$ ways, so the answer is $\\boxed{443}$.');
    expect(s.fired).toBe(true);
    expect(s.evidence).toContain('576');
    expect(s.evidence).toContain('443');
  });
  it('does not fire on the same answer written differently, a chain, an option label or no box', () => {
    expect(fires('\\frac{1}{2}', 'Thus $\\boxed{0.5}$.').fired).toBe(false);
    expect(fires('186', 'so $\\boxed{21+20+\\cdots+10=186}$').fired).toBe(false);
    expect(fires('$2\\sqrt{13}$', '$\\boxed{\\textbf{(C) } 2\\sqrt{13}}$').fired).toBe(false);
    expect(fires('{-}4', 'hence $\\boxed{-4}$').fired).toBe(false);
    expect(fires('7', 'The answer is seven.').fired).toBe(false);
    expect(fires('7', '$\\boxed{\\textbf{(B)}}$').fired).toBe(false);
    expect(fires('{m \\leq \\sqrt{\\frac{12}{n}}}', 'so $\\boxed{\\sqrt{\\frac{12}{n}}}$').fired).toBe(false);
    // "the answer is" statements are not read: they often state a formula or an intermediate value
    expect(fires('1103', 'so the answer is $\\frac{11}{3}$, and $100a+b=1103$.').fired).toBe(false);
  });
  it('records without firing when the problem has several parts (the last box answers another part)', () => {
    const s = fires('10', '... so the second maximum is $\\boxed{53}$.', {});
    expect(s.fired).toBe(true);
    const parts = answerMismatch.apply({ ...column('10', 'second: $\\boxed{53}$'), problem: 'Find (1) the maximum of $f$; (2) the maximum of $g$.' }, config());
    expect(parts.fired).toBe(false);
    expect(parts.evidence).toMatch(/several parts/);
  });
  it('is settled by any HARP solution that agrees', () => {
    expect(fires('12', 'first: $\\boxed{10}$', { other_solution_answers: [null, '12'] }).fired).toBe(false);
    expect(fires('12', 'first: $\\boxed{10}$', { other_solution_answers: ['11'] }).fired).toBe(true);
  });
  it('never fires where the answer is taken from the solution', () => {
    expect(answerMismatch.apply(input({ answer: '3', solution: '$\\boxed{3}$ or $\\boxed{4}$' }), config()).fired).toBe(false);
  });
  it('keeps the other HARP solutions\' boxed answers in metadata', () => {
    const row = { year: '2001', contest: 'AMC_10', number: 3, problem: 'p', answer: '$5$', solution_1: 'a $\\boxed{5}$', solution_2: 'b $\\boxed{(C) 5}$', solution_3: 'no box' };
    const r = toRecord(getAdapter('harp'), { file: 'f', row: 1, value: row });
    expect(r.ok && r.record.metadata['other_solution_answers']).toEqual(['(C) 5', null]);
  });
});

describe('answer_leak', () => {
  const fires = (problem: string, answer: string) => answerLeak.apply(input({ problem, answer }), config()).fired;
  it('fires when the problem already holds its boxed or stated answer', () => {
    expect(fires('Find $x$ if $2x=8$. $\\boxed{4}$', '4')).toBe(true);
    expect(fires('The range of $t$ is ( ) A: $[-1,0]$ B: $\\boxed{[-2,-\\frac{1}{2}]}$', '[-2,-\\frac{1}{2}]')).toBe(true);
    expect(fires('Compute $3+4$. The answer is $7$.', '7')).toBe(true);
  });
  it('does not fire on boxes used as notation or on scoring rules', () => {
    expect(fires('Let $\\boxed{N}$ mean the number of divisors of $N$. For example, $\\boxed{3}=2$. Find $\\boxed{\\boxed{11}\\times\\boxed{20}}$.', '12')).toBe(false);
    expect(fires('Estimate $N$. If your answer is $A$ and the correct answer is $C$, you score $25$.', '25')).toBe(false);
    expect(fires('Compute $3+4$.', '7')).toBe(false);
  });
});

describe('braced minus', () => {
  it('is read as a plain sign before the checker sees it', () => {
    expect(readableAnswer('${-}4$')).toBe('$-4$');
    expect(readableAnswer('(1,{-}2)')).toBe('(1,-2)');
    expect(readableAnswer('x^{2}')).toBe('x^{2}');
  });
  it('makes ${-}4$ a closed-form answer through the per-record stage', () => {
    const row = { year: '2010', contest: 'AMC_12A', number: 5, problem: 'Compute $1-5$.', answer: '${-}4$', solution_1: '$1-5=\\boxed{-4}$' };
    const r = toRecord(getAdapter('harp'), { file: 'f', row: 1, value: row });
    if (!r.ok) throw new Error(r.malformed.error);
    const p = processRecord(r.record, config()).record;
    expect(p.answer_kind).toBe('number');
    expect(p.signals.filter((s) => s.fired)).toEqual([]);
    expect(answerNotClosedForm.apply({ ...r.record, answer_kind: p.answer_kind, answer_canonical: p.answer_canonical, answer_not_closed_reason: null }, config()).fired).toBe(false);
  });
});

describe('reasons that another reason explains are recorded without firing', () => {
  it('missing_answer: a proof or several parts has no single boxed answer', () => {
    const proof = missingAnswer.apply(input({ problem: 'Prove that $\\sqrt2$ is irrational.', solution: 'Suppose not. Contradiction.', answer: null }), config());
    expect(proof.fired).toBe(false);
    expect(proof.evidence).toMatch(/explained by/);
    expect(missingAnswer.apply(input({ problem: 'Compute $2+3$.', solution: 'It is five.', answer: null }), config()).fired).toBe(true);
  });
  it('answer_not_closed_form: an option text, a proof\'s closing words, one part\'s answer', () => {
    const nc = (problem: string, answer: string) => answerNotClosedForm.apply(input({ problem, answer, answer_kind: null, answer_not_closed_reason: 'unparseable' }), config());
    expect(nc('Which curve is it?\nA: Circle\nB: Line\nC: Ellipse\nD: Hyperbola', '\\text{B: Line}').fired).toBe(false);
    expect(nc('Prove that there are infinitely many primes.', '\\text{The statement is proven.}').fired).toBe(false);
    expect(nc('Which curve is $x^2+y^2=1$?', '\\text{a circle of radius one}').fired).toBe(true);
  });
  it('reads {n \\choose k} as a binomial coefficient', () => {
    expect(readableAnswer('{n+k \\choose m}')).toBe('\\binom{n+k}{m}');
  });
});

describe('several correct values and clock times', () => {
  it('multiple_answers fires on "what is a possible value"', () => {
    expect(multipleAnswers.apply(input({ problem: 'If $n^2=36$, what is a possible value of $n$?', answer: '6' }), config()).fired).toBe(true);
    expect(multipleAnswers.apply(input({ problem: 'Find the sum of all possible values of $n$ with $n^2=36$.', answer: '0' }), config()).fired).toBe(false);
  });
  it('a time of day is not a closed-form answer', () => {
    expect(proseAnswer('$5\\text{:}30\\text{ p.m.}$')).toBe('a time of day');
    expect(proseAnswer('10:30 a.m.')).toBe('a time of day');
    expect(proseAnswer('3:45')).toBeNull();
  });
});
