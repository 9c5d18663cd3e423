import { getAdapter } from '../../sources/registry.ts';
import { recordId, rowSourceId } from '../../sources/identity.ts';
import { FOLDED, KEEP, RENAMED } from '../process/process-chunk.ts';
import { toRecord } from '../process/to-record.ts';
import { subsetKey } from '../run/accounting.ts';
import type { TaskStats } from '../run/task-marker.ts';
import { readChunk, type Chunk } from './chunks.ts';
import type { IdentifiedChunk } from './identify-chunk.ts';

/**
 * The run's record identities, decided on the main thread in input order from what the first
 * pass returns per chunk: rows of one problem (OpenMathInstruct-2) fold into the first one's
 * record, and a repeated id is made unique (`source_id#row`), so no id is written twice.
 */
export class IdentityFold {
  /** source + fold key -> id of the record kept. */
  private readonly folds = new Map<string, string>();
  /** Ids given so far in the run. */
  private readonly ids = new Set<string>();

  /**
   * Decides the records of the next chunk (chunks must come in input order) and adds them to
   * the task's stats; returns one decision per record (KEEP, FOLDED, RENAMED).
   */
  async add(chunk: Chunk, r: IdentifiedChunk, stats: TaskStats): Promise<Uint8Array> {
    for (const [file, n] of r.rowsByFile) stats.rows_by_file[file] = (stats.rows_by_file[file] ?? 0) + n;
    stats.malformed += r.malformed;
    const decisions = new Uint8Array(r.ids.length);
    let renamed: string[] | null = null; // ids under `source_id#row` from the first repeated id of the chunk on
    let renamedFrom = 0;
    for (let k = 0; k < r.ids.length; k++) {
      const foldKey = r.foldKeys[k];
      if (foldKey !== null) {
        const key = `${chunk.source}\u001f${foldKey}`;
        const first = this.folds.get(key);
        if (first !== undefined) {
          stats.folded++;
          stats.folded_into[first] = (stats.folded_into[first] ?? 0) + 1;
          decisions[k] = FOLDED;
          continue;
        }
        this.folds.set(key, r.ids[k]);
      }
      let id = r.ids[k];
      decisions[k] = KEEP;
      if (this.ids.has(id)) {
        if (!renamed) {
          renamed = await renamedIds(chunk, k);
          renamedFrom = k;
        }
        id = renamed[k - renamedFrom];
        decisions[k] = RENAMED;
      }
      this.ids.add(id);
      const sk = subsetKey(r.subsets[k]);
      stats.subsets[sk] = (stats.subsets[sk] ?? 0) + 1;
      stats.records++;
    }
    return decisions;
  }
}

/**
 * The renamed ids of a chunk's records from record `from` on. Repeated source ids are rare (two
 * inputs holding the same file, say), so the chunk is read again here rather than every
 * record's alternative id computed in the first pass.
 */
async function renamedIds(chunk: Chunk, from: number): Promise<string[]> {
  const adapter = getAdapter(chunk.source);
  const out: string[] = [];
  let k = 0;
  for await (const raw of readChunk(chunk)) {
    const res = toRecord(adapter, raw);
    if (!res.ok || k++ < from) continue;
    const source_id = `${res.record.source_id}#${rowSourceId(raw)}`;
    out.push(recordId(res.record.source, source_id));
  }
  return out;
}
