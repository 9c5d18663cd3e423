import { getAdapter } from '../../sources/registry.ts';
import type { ReadTask } from '../tasks.ts';
import { readJsonFile } from './json-file.ts';
import { readJsonl } from './jsonl.ts';
import { readParquet } from './parquet.ts';
import type { RawRow } from './raw-row.ts';

/** Streams the raw rows of one task, file by file, in order. */
export async function* readTask(task: ReadTask): AsyncGenerator<RawRow> {
  for (const f of task.files) {
    if (f.format === 'jsonl') yield* readJsonl(f.path);
    else if (f.format === 'parquet') yield* readParquet(f.path, getAdapter(task.source).requiredColumns);
    else yield* readJsonFile(f.path, f.relativePath);
  }
}
