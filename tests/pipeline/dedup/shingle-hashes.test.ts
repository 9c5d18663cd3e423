import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { murmur3String } from '../../../pipeline/dedup/murmur3.ts';
import { normalizeProblem } from '../../../pipeline/dedup/normalize.ts';
import { CHAR_SEED, WORD_SEED, shingleHashes } from '../../../pipeline/dedup/shingles.ts';
import { shingleTokens } from '../../../pipeline/dedup/tokenize.ts';

/**
 * `shingleHashes` must give exactly the documented hashes: murmur3 of
 * `shingleTokens(text)[i..i+n-1].join(' ')` and of each n code points. Lone surrogates are left
 * out: there the byte offsets of the word shingles (utf8Length counts a lone high surrogate as a
 * pair) disagree with TextEncoder's U+FFFD, and changing it would change output bytes.
 */
function reference(text: string, wordNgram: number, charNgram: number): number[] {
  const out: number[] = [];
  const tokens = shingleTokens(text);
  if (tokens.length > 0) {
    for (let t = 0; t <= Math.max(0, tokens.length - wordNgram); t++) out.push(murmur3String(tokens.slice(t, t + wordNgram).join(' '), WORD_SEED));
  }
  const cps = [...text];
  if (cps.length > 0) {
    for (let c = 0; c <= Math.max(0, cps.length - charNgram); c++) out.push(murmur3String(cps.slice(c, c + charNgram).join(''), CHAR_SEED));
  }
  return [...new Set(out)];
}

const opts = { wordNgram: 3, charNgram: 5 };
const same = (t: string) => expect(Array.from(shingleHashes(t, opts)), JSON.stringify(t.slice(0, 80))).toEqual(reference(t, 3, 5));

describe('shingle hashes', () => {
  it('matches the regex tokens on edge cases', () => {
    for (const t of ['', ' ', 'a', '\\', '\\\\alpha', '\\é x', '1.5.3 a1.b 2.', 'x+1=\\frac{1}{2}', '𝑥𝑦 + 𝟙', 'é ü ß ΣΩ 中文 ①②', '\u00a0a\u2028b\u3000c\ufeffd', '..1..'])
      same(t);
  });

  it('matches the regex tokens on every BMP code unit', () => {
    for (let start = 0; start < 0x10000; start += 997) {
      let t = '';
      for (let c = start; c < Math.min(start + 997, 0x10000); c++) if (c < 0xd800 || c >= 0xe000) t += String.fromCharCode(c) + (c % 7 === 0 ? ' ' : '');
      same(t);
    }
  });

  const shared = new URL('../../../../shared/data/sources', import.meta.url).pathname;
  it.skipIf(!existsSync(shared))('matches the regex tokens on the real problems of ../shared/data', () => {
    for (const file of ['math/train.jsonl', 'numinamath/numinamath_cot_real.jsonl', 'omni-math/omni_math_rule.jsonl', 'harp/HARP.jsonl']) {
      for (const line of readFileSync(join(shared, file), 'utf8').split('\n').filter(Boolean).slice(0, 1500)) {
        const row = JSON.parse(line) as Record<string, unknown>;
        same(normalizeProblem(String(row['problem'] ?? '')));
      }
    }
  });
});
