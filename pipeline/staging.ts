import { createWriteStream, type WriteStream } from 'node:fs';
import { readJsonl } from './readers/jsonl.ts';
import type { ProcessedRecord } from '../schemas/processed.ts';
import type { MalformedRow } from './to-record.ts';

/**
 * The intermediate file a read task writes: one JSON line per record after the per-record
 * stages, or per malformed row. The global stages and the writers stream it back, so no stage
 * ever holds every record's text in memory.
 */
export type StagedLine = { r: ProcessedRecord } | { m: MalformedRow };

export class StagingWriter {
  private readonly out: WriteStream;
  constructor(path: string) {
    this.out = createWriteStream(path);
  }
  async write(line: StagedLine): Promise<void> {
    if (!this.out.write(JSON.stringify(line) + '\n')) await new Promise((r) => this.out.once('drain', r));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
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
