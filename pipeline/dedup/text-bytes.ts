import { isHighSurrogate, isLowSurrogate } from './code-units.ts';

/**
 * The UTF-8 bytes of one normalised text, encoded once per record and shared by the exact hash,
 * the character shingles and the word shingles (which copy token bytes out of it), with the byte
 * offset of every code unit and of every code point. The buffers are reused by the next call.
 *
 * Bytes are those of `TextEncoder.encodeInto` (a lone surrogate becomes U+FFFD, EF BF BD).
 */
export interface TextBytes {
  /** The text encoded. */
  source: string;
  bytes: Uint8Array;
  /** Bytes written. */
  length: number;
  /** `unitByte[i]`: offset of code unit i's bytes (the low half of a pair: the pair's); `unitByte[s.length]` = length. */
  unitByte: Int32Array;
  /** Offsets of the code points' first bytes, then `length`: `codePoints + 1` entries. */
  pointByte: Int32Array;
  codePoints: number;
  /** Lone high surrogates in the text (see shingles.ts: the word shingle offsets count them as 4 bytes). */
  loneHigh: number;
}

const text: TextBytes = {
  source: '',
  bytes: new Uint8Array(1 << 14),
  length: 0,
  unitByte: new Int32Array(1 << 12),
  pointByte: new Int32Array(1 << 12),
  codePoints: 0,
  loneHigh: 0,
};

export function textBytes(s: string): TextBytes {
  const len = s.length;
  if (text.bytes.length < len * 3) text.bytes = new Uint8Array(Math.max(len * 3, text.bytes.length * 2));
  if (text.unitByte.length < len + 1) {
    text.unitByte = new Int32Array(Math.max(len + 1, text.unitByte.length * 2));
    text.pointByte = new Int32Array(text.unitByte.length);
  }
  const { bytes, unitByte, pointByte } = text;
  let w = 0;
  let cps = 0;
  let loneHigh = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    unitByte[i] = w;
    pointByte[cps++] = w;
    if (c < 0x80) bytes[w++] = c;
    else if (c < 0x800) {
      bytes[w++] = 0xc0 | (c >> 6);
      bytes[w++] = 0x80 | (c & 0x3f);
    } else if (isHighSurrogate(c) && i + 1 < len && isLowSurrogate(s.charCodeAt(i + 1))) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
      unitByte[++i] = w;
      bytes[w++] = 0xf0 | (cp >> 18);
      bytes[w++] = 0x80 | ((cp >> 12) & 0x3f);
      bytes[w++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[w++] = 0x80 | (cp & 0x3f);
    } else {
      const u = c >= 0xd800 && c < 0xe000 ? 0xfffd : c;
      if (isHighSurrogate(c)) loneHigh++;
      bytes[w++] = 0xe0 | (u >> 12);
      bytes[w++] = 0x80 | ((u >> 6) & 0x3f);
      bytes[w++] = 0x80 | (u & 0x3f);
    }
  }
  unitByte[len] = w;
  pointByte[cps] = w;
  text.source = s;
  text.length = w;
  text.codePoints = cps;
  text.loneHigh = loneHigh;
  return text;
}
