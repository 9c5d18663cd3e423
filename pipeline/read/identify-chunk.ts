import type { Config } from '../../schemas/config.ts';
import { getAdapter } from '../../sources/registry.ts';
import { BoilerplateCounter, boilerplateIndex, type BoilerplatePartial } from '../decontam/boilerplate.ts';
import type { ContaminationIndex } from '../decontam/decontaminate.ts';
import { toRecord } from '../process/to-record.ts';
import { PROJECT_ROOT } from '../version.ts';
import { readChunk, type Chunk } from './chunks.ts';

/** The first pass over a chunk: what the in-order fold needs of each row, and the boilerplate counts. */
export interface IdentifyJob {
  kind: 'identify';
  chunk: Chunk;
  /** The decontamination settings when the boilerplate list is derived from the inputs, else null. */
  boilerplate: Config['decontamination'] | null;
}

/** Identities of one chunk's rows, in row order (records only: malformed rows are counted). */
export interface IdentifiedChunk {
  /** Rows read per input file (absolute path), in file order. */
  rowsByFile: [file: string, rows: number][];
  malformed: number;
  /** Per record (row that the adapter accepted): its id, fold key (null: none) and subset. */
  ids: string[];
  foldKeys: (string | null)[];
  subsets: (string | null)[];
  boilerplate: BoilerplatePartial | null;
}

/** The benchmark index per thread and settings: built once, not per chunk. */
let indexFor: { key: string; index: ContaminationIndex } | null = null;

/**
 * Decodes and adapts the rows of one chunk (on a worker thread) and returns their identities:
 * the main thread folds repeated problems and makes ids unique from these, in input order,
 * before any record is processed. Counts the benchmark n-grams of the raw problems for the
 * derived boilerplate list in the same pass.
 */
export async function identifyChunk(job: IdentifyJob): Promise<IdentifiedChunk> {
  const adapter = getAdapter(job.chunk.source);
  let counter: BoilerplateCounter | null = null;
  if (job.boilerplate) {
    const key = JSON.stringify(job.boilerplate);
    if (indexFor?.key !== key) indexFor = { key, index: boilerplateIndex(job.boilerplate, PROJECT_ROOT) };
    counter = new BoilerplateCounter(indexFor.index, job.boilerplate.boilerplate_min_docs);
  }
  const out: IdentifiedChunk = { rowsByFile: [], malformed: 0, ids: [], foldKeys: [], subsets: [], boilerplate: null };
  let lastFile: [string, number] | null = null;
  // Problems already counted in this chunk, by fold key: a later row of the same problem (the
  // same text) adds the same document to the same n-grams, so counting it again changes nothing.
  const counted = new Map<string, string>();
  for await (const raw of readChunk(job.chunk, true)) {
    if (lastFile?.[0] !== raw.file) out.rowsByFile.push((lastFile = [raw.file, 0]));
    lastFile[1]++;
    const r = toRecord(adapter, raw);
    if (!r.ok) {
      out.malformed++;
      continue;
    }
    const foldKey = adapter.foldKey ? adapter.foldKey(r.record) : null;
    out.ids.push(r.record.id);
    out.foldKeys.push(foldKey);
    out.subsets.push(r.record.subset);
    if (!counter) continue;
    if (foldKey !== null) {
      if (counted.get(foldKey) === r.record.problem) continue;
      counted.set(foldKey, r.record.problem);
    }
    counter.add(r.record.problem);
  }
  out.boilerplate = counter?.partial() ?? null;
  return out;
}
