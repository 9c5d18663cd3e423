import { describe, expect, it } from 'vitest';
import { dedup, type DedupInput } from '../../../pipeline/dedup/dedup.ts';
import { normalizeProblem } from '../../../pipeline/dedup/normalize.ts';
import { pairRelation } from '../../../pipeline/dedup/pair-relation.ts';
import { questionChanged, questionTokens } from '../../../pipeline/dedup/question-tokens.ts';
import { DedupConfigSchema } from '../../../schemas/config.ts';

const cfg = DedupConfigSchema.parse({});
const q = (t: string) => questionTokens(normalizeProblem(t), t);
const changed = (a: string, b: string) => questionChanged(q(a), q(b));

// Real MATH train/test texts (the answer-conflict clusters of issue 16).
const WORD = (w: string) => `Determine the number of ways to arrange the letters of the word ${w}.`;
const BM = (kind: string) =>
  `In right triangle $ABC$, we have $AB = 10$, $BC = 24$, and $\\angle ABC = 90^\\circ$. If $M$ is on $\\overline{AC}$ such that $\\overline{BM}$ is ${kind} of $\\triangle ABC$, then what is $\\cos \\angle ABM$?`;
const BALLS = (a: string, b: string) => `How many ways are there to put 5 balls in 3 boxes if the balls are ${a} distinguishable but the boxes are ${b}?`;
const BOUNDS = (w: string) => `Suppose $x \\in [-5,-3]$ and $y \\in [2,4]$. What is the ${w} possible value of $\\frac{x+y}{x-y}$?`;

describe('question tokens: two problems, not one', () => {
  it('a changed content word is another question', () => {
    expect(changed(WORD('TOOT'), WORD('ALABAMA'))).toBe(true);
    expect(changed(BM('an altitude'), BM('a median'))).toBe(true);
    expect(changed(BM('an altitude'), BM('an angle bisector'))).toBe(true);
    expect(changed(BOUNDS('largest'), BOUNDS('smallest'))).toBe(true);
    expect(changed('How many ways are there to put 4 indistinguishable balls into 2 indistinguishable boxes?', 'How many ways are there to put 4 distinguishable balls into 2 indistinguishable boxes?')).toBe(true);
  });

  it('a moved negation is another question', () => {
    expect(changed(BALLS('not', ''), BALLS('', 'not'))).toBe(true);
  });

  it('a term dropped from inside the question is another question, not a label added at an edge', () => {
    expect(changed('There are numbers $A$ and $B$ for which $f(x)=0$ for every $x$. Find $A-B$.', 'There are numbers $A$ and $B$ for which $f(x)=0$ for every $x$. Find $B$.')).toBe(true);
    const base = 'Two dice are rolled. What is the probability that the sum is 7?';
    expect(changed(base, `${base} Express your answer as a common fraction.`)).toBe(false);
    expect(changed(base, `Problem 3. ${base}`)).toBe(false);
    expect(changed(base, `${base} $\\textbf{(A)}\\ \\frac16 \\qquad \\textbf{(B)}\\ \\frac15 \\qquad \\textbf{(C)}\\ \\frac14$`)).toBe(false);
  });

  it('wording that leaves the question alone is the same question', () => {
    expect(changed('Find the value of $x$ if $2x=6$.', 'What is $x$ if $2x=6$?')).toBe(false);
    expect(changed('The zeroes of $f(x)=x^2-ax+2a$ are integers. What is the sum of the possible values of $a$?', 'The zeros of $f(x) = x^2-ax+2a$ are integers. What is the sum of the possible values of $a?$')).toBe(false);
    expect(changed('The cosine of the smallest angle is', 'Find the cosine of the smallest angle.')).toBe(false);
    expect(changed('It takes Mary 30 minutes to walk to school.', 'It takes Anna 30 minutes to walk to school.')).toBe(false);
  });
});

describe('pairRelation and the dedup stage settle a changed question with the answers', () => {
  const eq = (a: string, b: string) => a.trim() === b.trim();
  it('different answers: siblings, both kept, no answer conflict', async () => {
    expect(pairRelation({ problem: BM('an altitude'), answer: '12/13' }, { problem: BM('a median'), answer: '5/13' }, cfg, eq).relation).toBe('sibling');
    const rows: DedupInput[] = ['an altitude', 'a median', 'an angle bisector'].map((k, i) => ({
      index: i, id: `r${i}`, source: 'math', subset: null, problem: BM(k), answer: ['12/13', '5/13', 'sqrt2/2'][i], answer_canonical: null, eligible: true,
    }));
    const d = await dedup(async function* () { yield* rows; }, rows.length, cfg, eq);
    expect(d.map((x) => x.reason)).toEqual([null, null, null]);
    expect(d.every((x) => x.dup_cluster_size === 1)).toBe(true);
  });

  it('the same answer: the change was wording, a near duplicate', async () => {
    const a = 'A bag has 3 red and 5 blue marbles. Two are drawn without replacement. Find the probability that both are blue.';
    const b = 'A sack has 3 red and 5 blue marbles. Two are drawn without replacement. Find the probability that both are blue.';
    expect(pairRelation({ problem: a, answer: '5/14' }, { problem: b, answer: '5/14' }, cfg, eq).relation).toBe('near');
    const rows: DedupInput[] = [a, b].map((p, i) => ({ index: i, id: `r${i}`, source: 'math', subset: null, problem: p, answer: '5/14', answer_canonical: '5/14', eligible: true }));
    const d = await dedup(async function* () { yield* rows; }, rows.length, cfg, eq);
    expect(d[1].reason).toBe('near_duplicate');
    expect(d[1].duplicate_of).toBe('r0');
  });

  it('a reformatted copy with another answer is still an answer conflict', async () => {
    const a = 'Let $n$ be a positive integer. Determine the size of the largest subset of $\\{-n, -n+1, \\ldots, n-1, n\\}$ which does not contain three elements $a, b, c$ satisfying $a+b+c=0$.';
    const b = 'Let $n$ be a positive integer.  Determine the size of the largest subset of $\\{ - n, - n + 1, \\dots , n - 1, n\\}$ which does not contain three elements $a$, $b$, $c$ satisfying $a + b + c = 0$ .';
    const rows: DedupInput[] = [a, b].map((p, i) => ({ index: i, id: `r${i}`, source: 'omni_math', subset: null, problem: p, answer: ['n', '2n'][i], answer_canonical: null, eligible: true }));
    const d = await dedup(async function* () { yield* rows; }, rows.length, cfg, eq);
    expect(d.map((x) => x.reason)).toEqual(['answer_conflict', 'answer_conflict']);
  });

  it('a changed question is not joined to a cluster that is an answer conflict already', async () => {
    const g = (q: string) => `The graph of $y=ax^2+bx+c$ is given below, where $a$, $b$, and $c$ are integers.  Find ${q}.`;
    const rows: DedupInput[] = [
      [g('$a$'), '-2'],
      [g('$a$'), '1'],
      [g('$a-b+c$'), '-2'],
    ].map(([p, a], i) => ({ index: i, id: `r${i}`, source: 'math', subset: null, problem: p, answer: a, answer_canonical: a, eligible: true }));
    const d = await dedup(async function* () { yield* rows; }, rows.length, cfg, eq);
    expect(d.map((x) => x.reason)).toEqual(['answer_conflict', 'answer_conflict', null]);
    expect(d[2].dup_cluster_size).toBe(1);
  });
});
