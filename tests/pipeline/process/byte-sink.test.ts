import { describe, expect, it } from 'vitest';
import { ByteSink, NULL_LENGTH } from '../../../pipeline/process/byte-sink.ts';

/** The strings `str` wrote, decoded from their length prefixes. */
function readStrings(bytes: Uint8Array): (string | null)[] {
  const buf = Buffer.from(bytes);
  const out: (string | null)[] = [];
  for (let at = 0; at < buf.length; ) {
    const len = buf.readUInt32LE(at);
    if (len === NULL_LENGTH) {
      out.push(null);
      at += 4;
    } else {
      out.push(buf.toString('utf8', at + 4, at + 4 + len));
      at += 4 + len;
    }
  }
  return out;
}

describe('ByteSink.str', () => {
  // short ASCII strings are copied by hand, the rest go through the UTF-8 encoder: both must
  // write what Buffer's encoder writes
  const strings = ['', 'id', 'a'.repeat(31) + 'é', 'a'.repeat(32) + 'é', 'é' + 'a'.repeat(40), 'x'.repeat(1000), '√2 ≤ π', '😀', null];

  it('writes each string as its UTF-8 byte length and bytes', () => {
    const sink = new ByteSink();
    for (const s of strings) sink.str(s);
    const bytes = sink.done();
    expect(readStrings(bytes)).toEqual(strings);
    const expected = Buffer.concat(
      strings.map((s) => {
        if (s === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
        const b = Buffer.from(s, 'utf8');
        const len = Buffer.alloc(4);
        len.writeUInt32LE(b.length);
        return Buffer.concat([len, b]);
      }),
    );
    expect(Buffer.from(bytes).equals(expected)).toBe(true);
  });

  it('encodes lone surrogates as the encoder does (U+FFFD)', () => {
    const sink = new ByteSink();
    sink.str('a\ud800b');
    expect([...sink.done()]).toEqual([5, 0, 0, 0, 0x61, 0xef, 0xbf, 0xbd, 0x62]);
  });

  it('grows past its buffer without losing what was written', () => {
    const sink = new ByteSink();
    const many = Array.from({ length: 5000 }, (_, k) => `record-${k}`);
    for (const s of many) sink.str(s);
    sink.str('y'.repeat(100_000));
    expect(readStrings(sink.done())).toEqual([...many, 'y'.repeat(100_000)]);
  });
});
