import { getAdapter } from '../../sources/registry.ts';
import type { ReadTask } from '../run/tasks.ts';
import { readJsonFile } from './json-file.ts';
import { readJsonl } from './jsonl.ts';
import { readParquet } from './parquet.ts';
import type { RawRow } from './raw-row.ts';

/** Streams the raw rows of one task, file by file, in order. */
export async function* readTask(task: ReadTask): AsyncGenerator<RawRow> {
  for (const f of task.files) {
    if (f.format === 'json') {
      yield* readJsonFile(f.path, f.relativePath);
      continue;
    }
    const rows = f.format === 'jsonl' ? readJsonl(f.path) : readParquet(f.path, getAdapter(task.source).requiredColumns);
    // the path inside the input folder tells apart same-named files (algebra/test-0.parquet, geometry/test-0.parquet)
    for await (const r of rows) {
      r.relativePath = f.relativePath;
      yield r;
    }
  }
}
