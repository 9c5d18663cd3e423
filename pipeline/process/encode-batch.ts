import type { Config } from '../../schemas/config.ts';
import type { ProblemRecord } from '../../schemas/record.ts';
import { getAdapter } from '../../sources/registry.ts';
import { encodeDedupFacts } from '../dedup/facts-file.ts';
import { ByteSink } from './byte-sink.ts';
import { processRecord } from './process-record.ts';
import { encodeMalformed, encodeRecord } from './staged-format.ts';
import type { MalformedRow } from './to-record.ts';

/**
 * One batch after the per-record stages: staging frames (staged-format.ts), facts lines
 * (joined, newline-terminated, UTF-8) and the binary dedup facts. Bytes, not strings: the worker encodes them and hands the
 * buffers over without a copy, so the main thread neither copies nor encodes 3 GB of text.
 */
export interface EncodedBatch {
  staged: Uint8Array;
  facts: Uint8Array;
  /** Entries of the dedup facts file (`facts-file.ts`), one per record; empty when dedup is off. */
  dedup: Uint8Array;
}

const NEWLINE = 0x0a;

/**
 * The per-record stages plus serialisation, record by record in input order (malformed rows
 * take their place in the staging frames): what a worker thread returns for a batch. Three byte
 * arrays cross the thread boundary instead of thousands of objects.
 */
export class BatchEncoder {
  private readonly staged = new ByteSink();
  private readonly facts = new ByteSink();
  private readonly dedup = new ByteSink();
  private readonly config: Config;
  constructor(config: Config) {
    this.config = config;
  }
  add(rec: ProblemRecord): void {
    const p = processRecord(rec, this.config);
    const fold = getAdapter(rec.source).foldKey;
    this.facts.text(encodeRecord(this.staged, p.record, fold ? fold(rec) : null), NEWLINE);
    if (p.dedup) this.dedup.bytes(encodeDedupFacts([p.dedup]));
  }
  addMalformed(m: MalformedRow): void {
    encodeMalformed(this.staged, m);
  }
  finish(): EncodedBatch {
    return { staged: this.staged.done(), facts: this.facts.done(), dedup: this.dedup.done() };
  }
}
