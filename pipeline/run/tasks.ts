import type { InputFile } from '../read/inputs.ts';

/**
 * A unit of reading work: one JSONL or Parquet file, or one folder of one-JSON-per-problem files
 * (the MATH.tar layout has 12,500 of them). Tasks are numbered in a fixed order so that a
 * run's outputs do not depend on scheduling, and so a crashed run can resume task by task.
 */
export interface ReadTask {
  index: number;
  source: string;
  files: InputFile[];
  /** Short label for progress and errors. */
  label: string;
}

export function planTasks(files: InputFile[]): ReadTask[] {
  const tasks: ReadTask[] = [];
  for (const f of files) {
    const prev = tasks.at(-1);
    const folder = f.relativePath.includes('/') ? f.relativePath.slice(0, f.relativePath.lastIndexOf('/')) : '';
    if (f.format === 'json' && prev && prev.source === f.source && prev.files[0].format === 'json' && folderOf(prev.files[0]) === folder) {
      prev.files.push(f);
      continue;
    }
    tasks.push({ index: tasks.length, source: f.source, files: [f], label: f.format === 'json' ? `${f.source}:${folder || '.'}/*.json` : `${f.source}:${f.relativePath}` });
  }
  return tasks;
}

function folderOf(f: InputFile): string {
  return f.relativePath.includes('/') ? f.relativePath.slice(0, f.relativePath.lastIndexOf('/')) : '';
}
