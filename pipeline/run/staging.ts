import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { OutputError } from '../errors.ts';
import { lineBuffers } from '../read/jsonl.ts';
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

/** Lines of our own intermediate files (trusted: written by this process). */
export async function* readLines(paths: readonly string[]): AsyncGenerator<string> {
  for (const p of paths) for await (const [, bytes] of lineBuffers(p)) yield bytes.toString('utf8');
}

export async function* readFacts(paths: readonly string[]): AsyncGenerator<RecordFacts> {
  for await (const line of readLines(paths)) yield JSON.parse(line) as RecordFacts;
}
