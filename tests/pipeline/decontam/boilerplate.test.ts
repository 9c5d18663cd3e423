import { describe, expect, it } from 'vitest';
import { BoilerplateCounter } from '../../../pipeline/decontam/boilerplate.ts';
import { ContaminationIndex, contaminationEvidence, type BenchmarkItem } from '../../../pipeline/decontam/decontaminate.ts';
import { templateSkeleton } from '../../../pipeline/decontam/template.ts';

// A real AIME-style item whose last sentence is the answer-format boilerplate of many problems.
const ITEM: BenchmarkItem = {
  benchmark: 'aime',
  item: '2019-I-4',
  problem:
    'A soccer team has 22 available players. A fixed set of 11 players starts the game, while the other 11 are available as substitutes. During the game, the coach may make as many as 3 substitutions. Let $n$ be the number of ways the coach can make substitutions during the game. The probability is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.',
};
const FORMAT = 'The probability is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.';
const others = [
  'Two fair six-sided dice are rolled, one red and one blue. What is the chance that the number on the red die is larger than the number on the blue die?',
  'A fair coin is tossed ten times in a row. What is the chance that no two consecutive tosses both come up heads?',
  'Three cards are drawn without replacement from a standard deck of fifty-two cards. What is the chance that they are all of one suit?',
  'A point is chosen uniformly at random inside a unit square. What is the chance that it lies closer to the center than to any side?',
].map((s) => `${s} ${FORMAT}`);

describe('boilerplate is not evidence', () => {
  it('counts benchmark n-grams in distinct training problems, not in copies of the item', () => {
    const index = new ContaminationIndex([ITEM], { ngram: 13 });
    const counter = new BoilerplateCounter(index, 3);
    for (let k = 0; k < 5; k++) counter.add(ITEM.problem); // copies of the item itself: not counted
    expect(counter.result()).toEqual([]);
    for (const p of others) counter.add(p);
    const list = counter.result();
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((g) => 'the probability is frac m n where m and n are relatively prime positive integers find m n'.includes(g))).toBe(true);
  });

  it('a problem sharing only boilerplate is not flagged; a copy still is, with its span', () => {
    const counter = new BoilerplateCounter(new ContaminationIndex([ITEM], { ngram: 13 }), 3);
    for (const p of others) counter.add(p);
    const index = new ContaminationIndex([ITEM], { ngram: 13, boilerplate: counter.result() });
    expect(new ContaminationIndex([ITEM], { ngram: 13 }).check(others[0])?.kind).toBe('ngram');
    expect(index.check(others[0])).toBeNull();
    const copy = index.check(`Problem 4. ${ITEM.problem.replace('A soccer team', 'A football team')}`);
    expect(copy?.kind).toBe('ngram');
    expect(contaminationEvidence(copy!)).toMatch(/^shares ".*available players.*" with aime 2019-I-4$/);
  });

  it('min_shared_ngrams asks for several distinct shared n-grams', () => {
    const one = 'Tom has apples. A fixed set of 11 players starts the game, while the other 11 are available. How many apples?';
    expect(new ContaminationIndex([ITEM], { ngram: 8 }).check(one)?.kind).toBe('ngram');
    expect(new ContaminationIndex([ITEM], { ngram: 8, minShared: 10 }).check(one)).toBeNull();
  });
});

describe('template siblings of benchmark items', () => {
  it('flags the item with other numbers as template, not shorter items or other wordings', () => {
    const index = new ContaminationIndex([ITEM, { benchmark: 'b', item: 'short', problem: 'Compute $\\dbinom{8}{4}$.' }], { ngram: 13 });
    const changed = ITEM.problem.replace('22 available', '24 available').replace('11 players', '12 players').replace('other 11', 'other 12');
    // a number inside every 13-gram window: no n-gram is shared, the template is
    const hit = index.check(changed.replace('as many as 3', 'as many as 4'));
    expect(hit?.kind === 'template' || hit?.kind === 'ngram').toBe(true);
    expect(index.check('Compute $\\dbinom{10}{3}$.')).toBeNull();
    const t = new ContaminationIndex([{ benchmark: 'g', item: '1', problem: 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?' }], { ngram: 13 });
    const sibling = t.check('Natalia sold clips to 36 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?');
    expect(sibling?.kind).toBe('ngram'); // the long tail without numbers is a shared 13-gram
    const t8 = new ContaminationIndex([{ benchmark: 'g', item: '1', problem: 'A train travels 60 miles in 2 hours, then 45 miles in 3 hours, then 30 miles in 1 hour. What is its average speed in miles per hour?' }], { ngram: 13 });
    const tmpl = t8.check('A train travels 70 miles in 2 hours, then 45 miles in 3 hours, then 20 miles in 4 hour. What is its average speed in miles per hour?');
    expect(tmpl?.kind).toBe('template');
    expect(contaminationEvidence(tmpl!)).toMatch(/^template of g 1 \(same wording, other numbers\)/);
    const off = new ContaminationIndex([{ benchmark: 'g', item: '1', problem: 'A train travels 60 miles in 2 hours, then 45 miles in 3 hours, then 30 miles in 1 hour. What is its average speed in miles per hour?' }], { ngram: 13, template: false });
    expect(off.check('A train travels 70 miles in 2 hours, then 45 miles in 3 hours, then 20 miles in 4 hour. What is its average speed in miles per hour?')).toBeNull();
  });

  it('a skeleton needs six words and a number', () => {
    expect(templateSkeleton('compute dbinom 8 4'.split(' '))).toBeNull();
    expect(templateSkeleton('what is the remainder of 56 mod 6'.split(' '))).toBe('what is the remainder of # mod #');
    expect(templateSkeleton('the quick brown fox jumps over the lazy dog again today'.split(' '))).toBeNull();
    expect(templateSkeleton('the quick brown fox jumps over 3 lazy dogs again and again'.split(' '))).toBe('the quick brown fox jumps over # lazy dogs again and again');
  });

  it('counts merged from counters over parts of the inputs give the same list as one counter over all', () => {
    const index = new ContaminationIndex([ITEM], { ngram: 13 });
    const docs = [...others, ITEM.problem, others[0], others[2].replace('fair', 'biased')];
    const whole = new BoilerplateCounter(index, 3);
    for (const d of docs) whole.add(d);
    expect(whole.result().length).toBeGreaterThan(0);
    for (let cut = 0; cut <= docs.length; cut++) {
      const a = new BoilerplateCounter(index, 3);
      const b = new BoilerplateCounter(index, 3);
      docs.forEach((d, i) => (i % 2 === cut % 2 || i < cut ? a : b).add(d));
      const merged = new BoilerplateCounter(null, 3);
      merged.merge(b.partial());
      merged.merge(a.partial());
      expect(merged.result()).toEqual(whole.result());
    }
    // with fewer documents than min_docs spread over the parts: no boilerplate either way
    const few = [new BoilerplateCounter(index, 3), new BoilerplateCounter(index, 3)];
    few[0].add(others[0]);
    few[1].add(others[1]);
    const m = new BoilerplateCounter(null, 3);
    for (const c of few) m.merge(c.partial());
    expect(m.result()).toEqual([]);
  });
});
