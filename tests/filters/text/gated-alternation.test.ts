import { afterEach, describe, expect, it } from 'vitest';
import { gatedAlternation } from '../../../filters/text/gated-alternation.ts';
import { gateMisses, setGateMode } from '../../../filters/text/keyword-gate.ts';

afterEach(() => setGateMode('on'));

const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index, m[0]]);

describe('gated alternation', () => {
  // overlapping alternatives: the order decides which one a position takes
  const alt = gatedAlternation(
    [
      [String.raw`\bthe\s+figure\s+below`, ['figure']],
      [String.raw`\bfigure\b`, ['figure']],
      [String.raw`\bshown\s+below`, ['shown']],
      [String.raw`below\b`, ['below']],
    ],
    'gi',
  );

  it('keeps the whole alternation', () => {
    expect(alt.re.source).toBe(String.raw`\bthe\s+figure\s+below|\bfigure\b|\bshown\s+below|below\b`);
  });

  it('finds exactly the matches of the whole alternation', () => {
    for (const text of ['In the figure below, as shown below.', 'Shown below: nothing', 'the Figure Below', 'x below y', 'no cue at all', '']) {
      const re = alt.regexFor(text);
      expect(re ? all(re, text) : [], text).toEqual(all(alt.re, text));
    }
  });

  it('searches with only the alternatives whose words occur, in their order, and none without', () => {
    expect(alt.regexFor('as shown below')?.source).toBe(String.raw`\bshown\s+below|below\b`);
    expect(alt.regexFor('x', 'the figure')?.source).toBe(String.raw`\bthe\s+figure\s+below|\bfigure\b`);
    expect(alt.regexFor('nothing here')).toBeNull();
  });

  it('is audited alternative by alternative', () => {
    const loose = gatedAlternation([[String.raw`pictured`, ['shown']]], 'i');
    setGateMode('audit');
    expect(loose.regexFor('as pictured')).not.toBeNull();
    expect(gateMisses().map((m) => m.pattern)).toEqual(['pictured']);
  });
});
