import { isAsciiLetter, isHighSurrogate, isLowSurrogate, isSpace, letterAt, wordTokenEnd } from './code-units.ts';

/**
 * The tokens of `shingleTokens` (tokenize.ts: a LaTeX command, a letter run, a number, or any
 * other single code point), as code-unit ranges of the text instead of strings: one scan per
 * record shared by the word shingles and the question tokens (which are the word tokens and the
 * `.`/`?`/`!` among them). Reused by the next call.
 */
export interface TokenRanges {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** 1 for a command, letter run or number; 0 for a single symbol. */
  word: Uint8Array;
}

const ranges: TokenRanges = { count: 0, start: new Int32Array(1 << 12), end: new Int32Array(1 << 12), word: new Uint8Array(1 << 12) };

export function tokenRanges(s: string): TokenRanges {
  const len = s.length;
  if (ranges.start.length < len) {
    const size = Math.max(len, ranges.start.length * 2);
    ranges.start = new Int32Array(size);
    ranges.end = new Int32Array(size);
    ranges.word = new Uint8Array(size);
  }
  const { start, end, word } = ranges;
  let n = 0;
  for (let i = 0; i < len; ) {
    const c = s.charCodeAt(i);
    let e: number;
    if (c < 128 && isAsciiLetter(c)) {
      // the common case first: a letter run (as wordTokenEnd reads it)
      e = i + 1;
      while (e < len) {
        const d = s.charCodeAt(e);
        if (d < 128) {
          if (!isAsciiLetter(d)) break;
          e++;
        } else {
          const k = letterAt(s, e);
          if (k === 0) break;
          e += k;
        }
      }
      word[n] = 1;
    } else {
      e = wordTokenEnd(s, i);
      word[n] = e < 0 ? 0 : 1;
      if (e < 0) {
        if (isSpace(c)) {
          i++;
          continue;
        }
        e = isHighSurrogate(c) && i + 1 < len && isLowSurrogate(s.charCodeAt(i + 1)) ? i + 2 : i + 1;
      }
    }
    start[n] = i;
    end[n++] = e;
    i = e;
  }
  ranges.count = n;
  return ranges;
}
