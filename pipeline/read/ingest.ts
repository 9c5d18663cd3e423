import { rename } from 'node:fs/promises';
import type { ProblemRecord } from '../../schemas/record.ts';
import { getAdapter } from '../../sources/registry.ts';
import { subsetKey } from '../run/accounting.ts';
import type { Progress } from '../run/progress.ts';
import { readTask } from './read-task.ts';
import type { RecordProcessor } from '../process/record-processor.ts';
import { crashPoint } from '../run/crash-point.ts';
import { dedupFactsPath, factsPath, stagedPath, type TaskStats } from '../run/task-marker.ts';
import { StagingWriter } from '../run/staging.ts';
import { encodeMalformed, type RecordFacts } from '../process/staged-format.ts';
import type { ReadTask } from '../run/tasks.ts';
import { toRecord } from '../process/to-record.ts';
import { recordId, rowSourceId } from '../../sources/identity.ts';

const BATCH = 512;
/**
 * Batches queued per task: enough for the workers to keep going while this thread decodes a
 * Parquet row group. Deeper queues measured slower (more live objects, more GC on this thread).
 */
const MAX_IN_FLIGHT = 8;

/** Fold state shared across tasks: rows of one problem (OpenMathInstruct-2) become one record. */
export type FoldIndex = Map<string, string>; // source + fold key -> id of the record kept

/** Ids given so far in the run: a repeated source id is made unique, never written twice. */
export type IdIndex = Set<string>;

/** A read task whose rows are all read and submitted; `finished` settles once its files are complete. */
export interface IngestedTask {
  rows: number;
  finished: Promise<TaskStats>;
}

/**
 * One read task: stream raw rows, map them through the adapter, fold repeated problems, run
 * the per-record stages in batches (on worker threads) and write the staging and facts files in
 * input order. The files appear under their final names only when complete.
 *
 * Returns as soon as every row is read, so the caller can start reading the next task while
 * the workers finish this one's last batches (no drain at task boundaries). The files are
 * completed only after `after` (the previous task's completion marker): tasks finish in order.
 */
export async function ingestTask(
  task: ReadTask,
  work: string,
  processor: RecordProcessor,
  folds: FoldIndex,
  ids: IdIndex,
  progress: Progress,
  readSoFar: number,
  after: Promise<unknown> = Promise.resolve(),
): Promise<IngestedTask> {
  const adapter = getAdapter(task.source);
  const final = stagedPath(work, task.index);
  const facts = factsPath(work, task.index);
  const dedupFacts = dedupFactsPath(work, task.index);
  const writer = new StagingWriter(`${final}.tmp`, `${facts}.tmp`, `${dedupFacts}.tmp`);
  const stats: TaskStats = { source: task.source, rows_by_file: {}, records: 0, malformed: 0, folded: 0, folded_into: {}, subsets: {} };
  const inFlight: Promise<void>[] = [];
  let chain = Promise.resolve();
  let batch: ProblemRecord[] = [];
  let rows = 0;
  // Batches are processed concurrently but written strictly in order (the promise chain).
  const flush = () => {
    if (!batch.length) return;
    const done = processor.process(batch);
    done.catch(() => {}); // observed through the chain; never an unhandled rejection on abort
    batch = [];
    chain = chain.then(async () => {
      const chunk = await done;
      await writer.writeChunk(chunk.staged, chunk.facts, chunk.dedup);
    });
    inFlight.push(chain);
  };
  try {
    for await (const raw of readTask(task)) {
      rows++;
      stats.rows_by_file[raw.file] = (stats.rows_by_file[raw.file] ?? 0) + 1;
      const res = toRecord(adapter, raw);
      if (!res.ok) {
        stats.malformed++;
        flush();
        const m = res.malformed;
        chain = chain.then(() => writer.writeMalformed(encodeMalformed(m)));
        continue;
      }
      let rec = res.record;
      if (adapter.foldKey) {
        const key = foldIndexKey(rec.source, adapter.foldKey(rec));
        const first = folds.get(key);
        if (first !== undefined) {
          stats.folded++;
          stats.folded_into[first] = (stats.folded_into[first] ?? 0) + 1;
          continue;
        }
        folds.set(key, rec.id);
      }
      if (ids.has(rec.id)) {
        const source_id = `${rec.source_id}#${rowSourceId(raw)}`;
        rec = { ...rec, source_id, id: recordId(rec.source, source_id) };
      }
      ids.add(rec.id);
      const sk = subsetKey(rec.subset);
      stats.subsets[sk] = (stats.subsets[sk] ?? 0) + 1;
      stats.records++;
      batch.push(rec);
      if (batch.length >= BATCH) {
        flush();
        if (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
      }
      if (stats.records === 50 && process.env.BIGMATH_CRASH_AT) {
        flush();
        await chain; // some staged lines are on disk when the test kills the process
        crashPoint(`read:${task.index}`);
      }
      if ((rows & 255) === 0) progress.tick(`reading ${task.label}`, readSoFar + rows);
    }
    flush();
  } catch (e) {
    await abandon(e);
  }
  // batches still in flight must not turn into unhandled rejections that hide an error
  async function abandon(e: unknown): Promise<never> {
    for (const p of inFlight) p.catch(() => {});
    chain.catch(() => {});
    await writer.close().catch(() => {});
    throw e;
  }
  const finished = (async () => {
    try {
      await chain;
      await after;
    } catch (e) {
      return abandon(e);
    }
    await writer.close();
    await rename(`${dedupFacts}.tmp`, dedupFacts);
    await rename(`${facts}.tmp`, facts);
    await rename(`${final}.tmp`, final);
    crashPoint(`read-done:${task.index}`); // staged file complete, marker not yet written
    return stats;
  })();
  finished.catch(() => {}); // the caller awaits it; never unhandled if the run stops first
  return { rows, finished };
}

/** On resume: rebuild the fold and id indexes from a finished task's facts file. */
export async function restoreIndexes(facts: AsyncIterable<RecordFacts>, folds: FoldIndex, ids: IdIndex): Promise<void> {
  for await (const f of facts) {
    if (f.fold_key !== null) folds.set(foldIndexKey(f.source, f.fold_key), f.id);
    ids.add(f.id);
  }
}

function foldIndexKey(source: string, key: string): string {
  return `${source}\u001f${key}`;
}
