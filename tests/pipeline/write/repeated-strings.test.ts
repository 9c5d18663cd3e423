import { describe, expect, it } from 'vitest';
import { RepeatedStrings } from '../../../pipeline/write/repeated-strings.ts';

describe('RepeatedStrings', () => {
  it('gives each string the first row that held it, past the table growing, until reset', () => {
    const values = Array.from({ length: 300 }, (_, k) => `value number ${k % 120}`);
    const buf = Buffer.from(values.join(''));
    const r = new RepeatedStrings();
    let at = 0;
    const first = values.map((v, row) => {
      const len = Buffer.byteLength(v);
      const f = r.firstRow(buf, at, len, row);
      at += len;
      return f;
    });
    expect(first).toEqual(values.map((_, row) => row % 120));
    r.reset();
    expect(r.firstRow(buf, 0, Buffer.byteLength(values[0]), 7)).toBe(7);
  });
  it('tells apart strings that differ only in length or in their last byte', () => {
    const r = new RepeatedStrings();
    const buf = Buffer.from('abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyZ');
    expect(r.firstRow(buf, 0, 26, 0)).toBe(0);
    expect(r.firstRow(buf, 0, 25, 1)).toBe(1);
    expect(r.firstRow(buf, 26, 26, 2)).toBe(2);
    expect(r.firstRow(buf, 0, 26, 3)).toBe(0);
  });
});
