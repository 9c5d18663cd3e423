import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { OutputError } from './output-error.ts';
import { readJsonl } from './readers/jsonl.ts';
import type { ProcessedRecord } from '../schemas/processed.ts';
import type { MalformedRow } from './to-record.ts';
import type { DedupFacts } from './dedup/facts.ts';

/**
 * The intermediate file a read task writes: one JSON line per record after the per-record
 * stages, or per malformed row. The global stages and the writers stream it back, so no stage
 * ever holds every record's text in memory.
 */
export type StagedLine = { r: ProcessedRecord } | { m: MalformedRow };

/**
 * The small per-record facts the global stages need, in a file of their own beside the staging
 * file (a fraction of its size): the global stages never parse solutions or metadata.
 */
export interface RecordFacts {
  id: string;
  source: string;
  subset: string | null;
  problem: string;
  answer: string | null;
  answer_canonical: string | null;
  /** Names and reason codes of the per-record filters that fired. */
  fired: string[];
  contaminated: boolean;
  dedup: DedupFacts | null;
}

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
  private readonly staged: LineWriter;
  private readonly facts: LineWriter;
  constructor(stagedPath: string, factsPath: string) {
    this.staged = new LineWriter(stagedPath);
    this.facts = new LineWriter(factsPath);
  }
  async writeRecord(r: ProcessedRecord, dedup: DedupFacts | null): Promise<void> {
    await this.staged.write(JSON.stringify({ r }) + '\n');
    const fired: string[] = [];
    for (const s of r.signals) if (s.fired) fired.push(s.filter, s.reason);
    const f: RecordFacts = { id: r.id, source: r.source, subset: r.subset, problem: r.problem, answer: r.answer, answer_canonical: r.answer_canonical, fired, contaminated: r.contamination !== null, dedup };
    await this.facts.write(JSON.stringify(f) + '\n');
  }
  writeMalformed(m: MalformedRow): Promise<void> {
    return this.staged.write(JSON.stringify({ m }) + '\n');
  }
  async close(): Promise<void> {
    await this.staged.close();
    await this.facts.close();
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

export async function* readFacts(paths: readonly string[]): AsyncGenerator<RecordFacts> {
  for (const p of paths) {
    for await (const row of readJsonl(p)) {
      if ('error' in row) throw new Error(`facts file ${p} is corrupt at line ${row.row}: ${row.error}`);
      yield row.value as unknown as RecordFacts;
    }
  }
}
