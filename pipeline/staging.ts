import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { OutputError } from './output-error.ts';
import { readJsonl } from './readers/jsonl.ts';
import type { ProcessedRecord } from '../schemas/processed.ts';
import type { MalformedRow } from './to-record.ts';

/**
 * The intermediate file a read task writes: one JSON line per record after the per-record
 * stages, or per malformed row. The global stages and the writers stream it back, so no stage
 * ever holds every record's text in memory.
 */
export type StagedLine = { r: ProcessedRecord } | { m: MalformedRow };

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
  async write(line: string): Promise<void> {
    if (this.error) throw this.error;
    if (!this.out.write(line)) {
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

export class StagingWriter {
  private readonly w: LineWriter;
  constructor(path: string) {
    this.w = new LineWriter(path);
  }
  write(line: StagedLine): Promise<void> {
    return this.w.write(JSON.stringify(line) + '\n');
  }
  close(): Promise<void> {
    return this.w.close();
  }
}

export async function* readStaged(paths: readonly string[]): AsyncGenerator<StagedLine> {
  for (const p of paths) {
    for await (const row of readJsonl(p)) {
      if ('error' in row) throw new Error(`staging file ${p} is corrupt at line ${row.row}: ${row.error}`);
      yield row.value as StagedLine;
    }
  }
}
