import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { OutputError } from '../errors.ts';
import type { RecordFacts } from '../process/staged-format.ts';

/** A line writer that surfaces write errors (disk full) to the caller instead of crashing. */
export class LineWriter {
  private readonly out: WriteStream;
  private readonly path: string;
  private error: Error | null = null;
  constructor(path: string) {
    this.path = path;
    this.out = createWriteStream(path);
    this.out.on('error', (e) => (this.error ??= new OutputError(path, e)));
  }
  async write(text: string | Uint8Array): Promise<void> {
    if (this.error) throw this.error;
    if (!this.out.write(text)) {
      try {
        await once(this.out, 'drain'); // rejects, and removes its listeners, on 'error'
      } catch {
        // recorded by the 'error' listener
      }
      if (this.error) throw this.error;
    }
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.error) return reject(this.error);
      this.out.end((e?: Error | null) => (e || this.error ? reject(this.error ?? new OutputError(this.path, e)) : resolve()));
    });
  }
}

/**
 * The three intermediate files of a read task: the staging file (one binary frame per record
 * with its output columns, or per malformed row; see staged-format.ts), the facts file (the small
 * per-record facts the global stages need, a fraction of the size) and the binary dedup facts
 * (hashes and shingle sets, dedup/facts-file.ts). Later stages stream them back, so no stage
 * holds every record's text in memory.
 */
export class StagingWriter {
  private readonly staged: LineWriter;
  private readonly facts: LineWriter;
  private readonly dedup: LineWriter;
  constructor(stagedPath: string, factsPath: string, dedupPath: string) {
    this.staged = new LineWriter(stagedPath);
    this.facts = new LineWriter(factsPath);
    this.dedup = new LineWriter(dedupPath);
  }
  /** A batch from a worker: staging frames, facts lines (each ending in a newline) and dedup entries. */
  async writeChunk(staged: string | Uint8Array, facts: string | Uint8Array, dedup: Uint8Array): Promise<void> {
    await this.staged.write(staged);
    await this.facts.write(facts);
    if (dedup.length) await this.dedup.write(dedup);
  }
  async close(): Promise<void> {
    await this.staged.close();
    await this.facts.close();
    await this.dedup.close();
  }
}

/** A parsed facts line and its record index (its line number over all the files, from 0). */
export type IndexedFacts = [index: number, facts: RecordFacts];

/**
 * The facts lines whose index is set in `wanted` (every line when null), parsed, in batches of
 * one buffer fill. The dedup stage wants a fraction of the records (those in clusters): the
 * other lines are only scanned for their newline (memchr over a reused buffer, no string or
 * Buffer per line), and reading stops after the last wanted line.
 */
export async function* readFactsAt(paths: readonly string[], wanted: Uint8Array | null): AsyncGenerator<IndexedFacts[]> {
  const last = wanted ? wanted.lastIndexOf(1) : Infinity;
  let buf = Buffer.allocUnsafe(4 << 20);
  let index = 0;
  for (const path of paths) {
    if (index > last) break;
    const fh = await open(path, 'r');
    try {
      let end = 0; // bytes of valid data in the buffer; a partial line is kept at its start
      for (;;) {
        if (end === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]); // a line longer than the buffer
        const { bytesRead } = await fh.read(buf, end, buf.length - end, null);
        if (bytesRead === 0) {
          if (end !== 0) throw new Error(`${path}: facts file does not end with a newline`);
          break;
        }
        end += bytesRead;
        const data = buf.subarray(0, end);
        const batch: IndexedFacts[] = [];
        let start = 0;
        for (let nl = data.indexOf(NEWLINE); nl !== -1 && index <= last; nl = data.indexOf(NEWLINE, start)) {
          if (!wanted || wanted[index]) batch.push([index, JSON.parse(data.toString('utf8', start, nl)) as RecordFacts]);
          index++;
          start = nl + 1;
        }
        if (batch.length) yield batch;
        if (index > last) break;
        buf.copyWithin(0, start, end);
        end -= start;
      }
    } finally {
      await fh.close();
    }
  }
}

const NEWLINE = 0x0a;
