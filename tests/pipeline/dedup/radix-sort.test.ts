import { describe, expect, it } from 'vitest';
import { KeyedRadixSort } from '../../../pipeline/dedup/radix-sort.ts';
import { mulberry32 } from '../../../pipeline/dedup/murmur3.ts';

/** The reference: a stable comparison sort of (key, value) by key. */
function reference(keys: number[], values: number[]): [number[], number[]] {
  const order = keys.map((_k, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  return [order.map((i) => keys[i]), order.map((i) => values[i])];
}

describe('KeyedRadixSort', () => {
  it('sorts uint32 keys over the whole range, stably (equal keys keep their value order)', () => {
    const next = mulberry32(7);
    for (const [n, distinct] of [[0, 1], [1, 1], [5000, 0], [5000, 40], [70_000, 0]] as const) {
      const s = new KeyedRadixSort(n);
      const keys: number[] = [];
      const values: number[] = [];
      for (let i = 0; i < n; i++) {
        // distinct 0: any uint32 (high bits included); else few keys, so most runs are ties
        const key = distinct ? [0, 0xffffffff, 0x7ff, 0x800, 0x3fffff][i % 5] + (next() % distinct) * 0x400000 : next();
        keys.push(key >>> 0);
        values.push(i);
        s.keys[i] = key;
        s.values[i] = i;
      }
      s.sort();
      const [k, v] = reference(keys, values);
      expect(Array.from(s.sortedKeys)).toEqual(k);
      expect(Array.from(s.sortedValues)).toEqual(v);
    }
  });
});
