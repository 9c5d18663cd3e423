import { describe, expect, it } from 'vitest';
import { templateSkeleton } from '../../../pipeline/decontam/template.ts';
import { tokenFingerprint } from '../../../pipeline/decontam/token-fingerprint.ts';

describe('tokenFingerprint', () => {
  const a = 'a train travels 60 miles in 2 hours find its speed'.split(' ');
  const b = 'a train travels 75 miles in 3 hours find its speed'.split(' ');

  it('is equal for equal token sequences', () => {
    expect(tokenFingerprint([...a], false)).toBe(tokenFingerprint(a, false));
    expect(tokenFingerprint([], false)).toBe(tokenFingerprint([], false));
  });
  it('is equal for sequences with one skeleton when numbers are masked', () => {
    expect(templateSkeleton(a)).toBe(templateSkeleton(b));
    expect(tokenFingerprint(a, true)).toBe(tokenFingerprint(b, true));
  });
  it('tells apart sequences that differ in numbers, words or length (almost always)', () => {
    expect(tokenFingerprint(a, false)).not.toBe(tokenFingerprint(b, false));
    expect(tokenFingerprint(a, true)).not.toBe(tokenFingerprint(['a', ...a.slice(1)].concat('now'), true));
    expect(tokenFingerprint(['find', 'x'], false)).not.toBe(tokenFingerprint(['find', 'y'], false));
  });
});
