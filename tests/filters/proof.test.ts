import { describe, expect, it } from 'vitest';
import { proofEvidence } from '../../filters/proof.ts';

describe('proof', () => {
  it.each([
    'Prove that $n^3+5n$ is divisible by 6.',
    'Show that $\\sqrt{2}$ is irrational.',
    'Let $a,b>0$. Prove the inequality $a^2+b^2\\ge 2ab$.',
    'Prove: for every $n$, $n^2\\ge n$.',
    '(1) Prove that $\\{a_n+1\\}$ is geometric; (2) find $S_n$.',
    'Find the limit, and show that it exists.',
    'Demonstrate that the sum is even.',
    'Proof that $2^n>n$ for all $n$.',
  ])('fires: %s', (p) => expect(proofEvidence(p)).not.toBeNull());

  it.each([
    'Two tangents are drawn as shown. Find $x$.',
    'It can be shown that the equation has three real roots. Find their sum.',
    'The table shows that 12 pens were sold. How many in total?',
    'A company wants to improve its profit. Find the best price.',
    'Find the largest $n$ with $n^2<2024$. Justify your answer.',
    'Determine, with proof, the smallest $n$ such that $n!$ ends in 10 zeros.',
    'He advises a student to prove an implication. How many semesters are needed?',
    'Each picks a jelly bean to show the other. What is the probability?',
    'Show the correct cuts and write the final answer: how long is the minimum cut?',
  ])('does not fire on look-alike: %s', (p) => expect(proofEvidence(p)).toBeNull());
});
