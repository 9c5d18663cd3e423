import { describe, expect, it } from 'vitest';
import { collapseSpaces } from '../../../pipeline/dedup/collapse-spaces.ts';
import { questionTokens } from '../../../pipeline/dedup/question-tokens.ts';
import { valueTokens } from '../../../pipeline/dedup/template-siblings.ts';
import { textBytes } from '../../../pipeline/dedup/text-bytes.ts';
import { tokenRanges } from '../../../pipeline/dedup/token-ranges.ts';
import { shingleTokens } from '../../../pipeline/dedup/tokenize.ts';

/**
 * The char-code scans that replaced regex passes must read exactly what the regexes read (the
 * dedup facts and the normalised string stay bit-identical). Each is compared with its regex on
 * edge cases and on every BMP code unit.
 */
const EDGE = ['', ' ', '  ', ' a ', ' . ', 'a . b ,', 'x+1 = y', 'a\u00a0\u2028b\u3000 c\ufeff', '\t\n a\r\n?!', 'x \ud800 y \udc00', '𝑥 y 𝟙 ,', 'é ü ß ΣΩ 中文 ①② .', '\\alpha x', '1.5.3 a1.b 2.', 'a,;:!? .'];
function everyCodeUnit(): string[] {
  const out: string[] = [];
  for (let start = 0; start < 0x10000; start += 997) {
    let t = '';
    for (let c = start; c < Math.min(start + 997, 0x10000); c++) t += String.fromCharCode(c) + (c % 5 === 0 ? ' ' : c % 7 === 0 ? ' 1 ' : '');
    out.push(t);
  }
  return out;
}
const texts = [...EDGE, ...everyCodeUnit()];

describe('collapseSpaces', () => {
  const regexes = (s: string) =>
    s
      .replace(/\s+/g, ' ')
      .replace(/ (?:(?=[^\p{L}\p{N}])|(?<=[^\p{L}\p{N}] ))/gu, '')
      .replace(/[\s.,;:!?]+$/u, '')
      .trim();
  it('equals the four regex steps', () => {
    for (const t of texts) expect(collapseSpaces(t), JSON.stringify(t.slice(0, 60))).toBe(regexes(t));
  });
});

describe('tokenRanges', () => {
  it('reads the shingle tokens of the regex', () => {
    for (const t of texts) {
      const r = tokenRanges(t);
      const got = Array.from({ length: r.count }, (_x, i) => t.slice(r.start[i], r.end[i]));
      expect(got, JSON.stringify(t.slice(0, 60))).toEqual(shingleTokens(t));
    }
  });
});

describe('textBytes', () => {
  it('encodes like TextEncoder, with the offset of each code unit and code point', () => {
    const enc = new TextEncoder();
    for (const t of texts) {
      const b = textBytes(t);
      expect(Array.from(b.bytes.subarray(0, b.length))).toEqual(Array.from(enc.encode(t)));
      const points = [...t];
      expect(b.codePoints).toBe(points.length);
      let unit = 0;
      let byte = 0;
      points.forEach((p, k) => {
        expect(b.pointByte[k]).toBe(byte);
        expect(b.unitByte[unit]).toBe(byte);
        unit += p.length;
        byte += enc.encode(p).length;
      });
      expect(b.unitByte[t.length]).toBe(b.length);
    }
  });
});

describe('names and number words', () => {
  it('a title-case word after a lower-case word or comma is a name (filler), as the regex reads it', () => {
    const NAME = /(?<=[a-z,;] )[A-Z][a-z]+\b/g;
    const text = 'tom and ann bob cy dee eve fay x gus';
    for (const original of ['Tom and Ann, Bob; Cy Dee_x Eve2 ,Fay x Gus', 'and Ann,and Bob', ' Tom', 'a Bé c', 'x Y']) {
      const names = new Set((original.match(NAME) ?? []).map((m) => m.toLowerCase()));
      const withNames = questionTokens(text, original);
      const plain = questionTokens(text);
      text.split(' ').forEach((w, i) => {
        const asName = names.has(w);
        expect(withNames[i] === plain[i], `${original}: ${w}`).toBe(!asName);
      });
    }
  });
  it('number words are whole \\w runs', () => {
    const NUMBER_WORD = /\b(?:one|two|four|fourteen|first|half)\b/g;
    for (const t of ['one two four fourteen', 'one2 two_ éone one-two', 'fourteenth first,half', 'ONE One']) {
      const words = valueTokens(t).filter((w) => /^[a-z]+$/.test(w));
      expect(words, t).toEqual((t.match(NUMBER_WORD) ?? []).sort());
    }
  });
});
