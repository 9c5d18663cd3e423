import { describe, expect, it } from 'vitest';
import { cleanRecord } from '../../../filters/clean/index.ts';
import { input } from '../helpers.ts';

describe('cleanRecord', () => {
  it('strips Asymptote and keeps the original', () => {
    const r = cleanRecord(input({ problem: 'Find $x$. [asy]draw((0,0)--(1,1));[/asy]' }));
    expect(r.problem).toBe('Find $x$.');
    expect(r.problem_original).toContain('[asy]');
    expect(r.cleaning).toEqual(['strip_asy']);
  });
  it('leaves a clean problem alone', () => {
    expect(cleanRecord(input({ problem: 'Compute   $1+1$.' }))).toEqual({ problem: 'Compute   $1+1$.', problem_original: null, cleaning: [] });
  });
  it('strips Omni-MATH attributions and scoring', () => {
    expect(cleanRecord(input({ source: 'omni_math', problem: 'Find $n$.\n\n[i]Sean Li[/i]' })).problem).toBe('Find $n$.');
    expect(cleanRecord(input({ source: 'omni_math', problem: 'Find the maximum of $k$. (D. Fomin, Leningrad)' })).problem).toBe('Find the maximum of $k$.');
    const est = cleanRecord(input({ source: 'omni_math', problem: 'Estimate $N$. An estimate of $E$ will receive $\\max(0, 20-|E-N|)$ points.' }));
    expect(est.problem).toBe('Estimate $N$.');
    expect(est.cleaning).toEqual(['strip_scoring']);
  });
  it('keeps look-alikes in Omni-MATH text', () => {
    const p = 'A number is called [i]fancy[/i] if it is a sum of powers. Find the smallest $n$ (ABC)';
    expect(cleanRecord(input({ source: 'omni_math', problem: p })).problem).toBe(p);
    const q = 'Each correct answer is worth 5 points. How many points can a contestant score?';
    expect(cleanRecord(input({ source: 'omni_math', problem: q })).problem).toBe(q);
  });
  it('strips aops_forum attribution, year and point lines', () => {
    const r = cleanRecord(input({ source: 'numinamath', subset: 'aops_forum', problem: '2019 Canada MO\n\nFind $n$.\n\n*Proposed by Jane Doe*' }));
    expect(r.problem).toBe('Find $n$.');
    expect(cleanRecord(input({ source: 'numinamath', subset: 'olympiads', problem: '1. (5 points) Calculate: $2+2$' })).problem).toBe('1. Calculate: $2+2$');
  });
});
