import { afterEach, describe, expect, it } from 'vitest';
import { gated, gateMisses, mayMask, setGateMode } from '../../../filters/text/keyword-gate.ts';

afterEach(() => setGateMode('on'));

describe('keyword gate', () => {
  // overlapping words (the classic Aho-Corasick case), words that are suffixes of others, a non-ASCII word
  const a = gated(/he|she/i, ['he', 'she']);
  const b = gated(/hers|his/i, ['hers', 'his']);
  const c = gated(/ushers/, ['ushers']);
  const d = gated(/①/, ['①']);

  it('finds each rule whose word occurs, ignoring ASCII case, as a substring', () => {
    expect([a, b, c, d].map((g) => g.may('USHERS'))).toEqual([true, true, true, false]);
    expect([a, b, c, d].map((g) => g.may('a phi sign'))).toEqual([false, false, false, false]);
    expect([a, b, c, d].map((g) => g.may('t(h)is ① is'))).toEqual([false, false, false, true]);
    expect(b.may('thIS')).toBe(true);
  });

  it('agrees with a plain substring search on random texts', () => {
    const alphabet = 'hesriuHESRIU ①x';
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let n = 0; n < 2000; n++) {
      let t = '';
      for (let i = 0, len = Math.floor(rnd() * 12); i < len; i++) t += alphabet[Math.floor(rnd() * alphabet.length)];
      const low = t.toLowerCase();
      for (const g of [a, b, c, d]) expect(g.may(t), `${t} ${g.words}`).toBe(g.words.some((w) => low.includes(w)));
    }
  });

  it('matches the Kelvin sign and long s as /iu regexes do', () => {
    const k = gated(/ask/iu, ['ask']);
    expect(k.may('a\u017f\u212a')).toBe(true);
    expect(/ask/iu.test('a\u017f\u212a')).toBe(true);
  });

  it('in audit mode lets every rule run and records a match without its words', () => {
    const incomplete = gated(/shown|pictured/i, ['shown']);
    setGateMode('audit');
    expect(incomplete.may('as pictured')).toBe(true);
    expect(gateMisses().map((m) => m.text)).toEqual(['as pictured']);
    setGateMode('on');
    expect(incomplete.may('as pictured')).toBe(false);
  });

  it('may decide from another text (a view and the text it was made from) and still audit the view', () => {
    const g = gated(/shown/i, ['shown']);
    expect(g.may('x', 'as shown')).toBe(true);
    expect(g.may('as shown', 'x')).toBe(false);
    setGateMode('audit');
    expect(g.may('as shown', 'x')).toBe(true);
    expect(gateMisses().map((m) => m.text)).toEqual(['as shown']);
  });

  it('mayMask gives the bit set of the rules that may match', () => {
    expect(mayMask([a, b, c, d], 'USHERS')).toBe(0b0111);
    expect(mayMask([d, a], 'he ①')).toBe(0b11);
    expect(mayMask([b, c], 'x', 'his')).toBe(0b01);
    expect(mayMask([a, b], 'nothing')).toBe(0);
    setGateMode('audit');
    expect(mayMask([a, b], 'nothing')).toBe(0b11);
  });

  it('refuses upper-case or empty words', () => {
    expect(() => gated(/x/, ['X'])).toThrow(/lower-case/);
    expect(() => gated(/x/, [])).toThrow();
  });
});
