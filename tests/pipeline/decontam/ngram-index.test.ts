import { describe, expect, it } from 'vitest';
import { NgramIndex, ngramKey } from '../../../pipeline/decontam/ngram-index.ts';

const words = (s: string) => s.split(' ');
const ITEM = words('a fair coin is tossed ten times in a row what is the chance that no two consecutive tosses both come up heads');

describe('NgramIndex', () => {
  const index = new NgramIndex(13);
  index.add(ITEM);

  it('finds a shared n-gram, before and after queries longer than its scratch arrays', () => {
    const query = [...words('here is a problem'), ...ITEM.slice(3, 18), 'now'];
    const hit = { seq: 0, seqPos: 3, queryPos: 4, length: 15 };
    expect(index.find(query)).toEqual(hit);
    const long = Array.from({ length: 5000 }, (_, k) => `w${k % 97}`);
    expect(index.find([...long, ...ITEM])).toEqual({ seq: 0, seqPos: 0, queryPos: 5000, length: ITEM.length });
    expect(index.find(query)).toEqual(hit);
    expect(index.find(query.slice(0, 12))).toBeNull();
  });

  it('names the keys of the shared windows, each once', () => {
    const out = new Set<number>();
    index.sharedKeys([...ITEM.slice(0, 14), 'x', ...ITEM.slice(0, 13)], out);
    expect(out).toEqual(new Set([ngramKey(ITEM.slice(0, 13)), ngramKey(ITEM.slice(1, 14))]));
    expect(index.ngramText(ngramKey(ITEM.slice(1, 14)))).toBe(ITEM.slice(1, 14).join(' '));
  });
});
