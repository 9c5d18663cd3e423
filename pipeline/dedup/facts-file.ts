import { open } from 'node:fs/promises';
import type { DedupFacts, IndexedDedupFacts } from './facts.ts';

/**
 * The binary file of dedup facts a read task writes beside its staging file: one entry per
 * record, in record order, as little-endian uint32 words:
 *
 *   [total words W] [hi] [lo] [bands B] [sketch bytes P] [set size S] [values V] [question Q]
 *   B band hashes | ceil(P/4) words of sketch bytes | S set hashes | V value hashes | Q question tokens
 *
 * Binary because the dedup stage reads it up to once per confirmation pass: decoding is a few
 * array views per record, against a JSON parse of ~250 numbers.
 */
const HEADER_WORDS = 8;

export function encodeDedupFacts(list: readonly DedupFacts[]): Uint8Array {
  let words = 0;
  for (const f of list) words += entryWords(f);
  const out = new Uint32Array(words);
  let w = 0;
  for (const f of list) {
    const total = entryWords(f);
    out[w] = total;
    out[w + 1] = f.hi;
    out[w + 2] = f.lo;
    out[w + 3] = f.bands.length;
    out[w + 4] = f.sketch.length;
    out[w + 5] = f.set.length;
    out[w + 6] = f.values.length;
    out[w + 7] = f.question.length;
    let o = w + HEADER_WORDS;
    out.set(f.bands, o);
    o += f.bands.length;
    new Uint8Array(out.buffer, o * 4, f.sketch.length).set(f.sketch);
    o += (f.sketch.length + 3) >>> 2;
    out.set(f.set, o);
    o += f.set.length;
    out.set(f.values, o);
    o += f.values.length;
    out.set(f.question, o);
    w += total;
  }
  return new Uint8Array(out.buffer);
}

function entryWords(f: DedupFacts): number {
  return HEADER_WORDS + f.bands.length + ((f.sketch.length + 3) >>> 2) + f.set.length + f.values.length + f.question.length;
}

/**
 * Streams the entries of the files in order, with their indexes (from 0 over all the files), in
 * batches (one per buffer fill: an async step per entry would cost more than decoding it). With
 * `wanted`, only the entries set there are decoded (a confirmation pass needs a fraction; the
 * others are skipped by their length word) and reading stops after the last one. The arrays of
 * a yielded batch are views into a reused buffer, valid only until the next batch is requested:
 * copy what you keep.
 */
export async function* readDedupFacts(paths: readonly string[], wanted?: Uint8Array): AsyncGenerator<IndexedDedupFacts[]> {
  const last = wanted ? wanted.lastIndexOf(1) : Infinity;
  let bytes = new Uint8Array(8 << 20);
  let words = new Uint32Array(bytes.buffer);
  let index = 0;
  for (const path of paths) {
    if (index > last) break;
    const fh = await open(path, 'r');
    try {
      let start = 0; // word offset of the next entry
      let end = 0; // bytes of valid data in the buffer
      for (;;) {
        const batch: IndexedDedupFacts[] = [];
        while (end - start * 4 >= 4 && index <= last) {
          const total = words[start];
          if (total < HEADER_WORDS) throw new Error(`${path}: corrupt dedup facts entry (length ${total} words)`);
          if (end - start * 4 < total * 4) break;
          if (!wanted || wanted[index]) batch.push(decodeEntry(words, bytes, start, total, path, index));
          index++;
          start += total;
        }
        if (batch.length) yield batch;
        if (index > last) break;
        const left = end - start * 4;
        const need = left >= 4 ? words[start] * 4 : 4;
        if (need > bytes.length) {
          const bigger = new Uint8Array(Math.max(need, bytes.length * 2));
          bigger.set(bytes.subarray(start * 4, end));
          bytes = bigger;
          words = new Uint32Array(bytes.buffer);
        } else if (start > 0) bytes.copyWithin(0, start * 4, end);
        end = left;
        start = 0;
        const { bytesRead } = await fh.read(bytes, end, bytes.length - end, null);
        if (bytesRead === 0) {
          if (end !== 0) throw new Error(`${path}: dedup facts file ends inside an entry`);
          break;
        }
        end += bytesRead;
      }
    } finally {
      await fh.close();
    }
  }
}

function decodeEntry(words: Uint32Array, bytes: Uint8Array, at: number, total: number, path: string, index: number): IndexedDedupFacts {
  const b = words[at + 3];
  const p = words[at + 4];
  const s = words[at + 5];
  const v = words[at + 6];
  const q = words[at + 7];
  if (HEADER_WORDS + b + ((p + 3) >>> 2) + s + v + q !== total) throw new Error(`${path}: corrupt dedup facts entry (sizes do not add up)`);
  let o = at + HEADER_WORDS;
  const bands = words.subarray(o, o + b);
  o += b;
  const sketch = bytes.subarray(o * 4, o * 4 + p);
  o += (p + 3) >>> 2;
  const set = words.subarray(o, o + s);
  o += s;
  const values = words.subarray(o, o + v);
  o += v;
  return { index, hi: words[at + 1], lo: words[at + 2], bands, sketch, set, values, question: words.subarray(o, o + q) };
}
