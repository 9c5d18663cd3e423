import { glob, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { InputFileError } from './raw-row.ts';

export type InputFormat = 'jsonl' | 'parquet' | 'json';

/** One file of one source, in the order the run reads it. */
export interface InputFile {
  source: string;
  path: string;
  format: InputFormat;
  /**
   * Path relative to the `--input` root: the folder given, the folder of a file given, or the
   * fixed part of a glob. Outputs store this, so they do not depend on where the inputs lie.
   */
  relativePath: string;
  size: number;
}

const FORMATS: Record<string, InputFormat> = { '.jsonl': 'jsonl', '.parquet': 'parquet', '.json': 'json' };

export function formatOf(path: string): InputFormat | null {
  const m = /\.(jsonl|parquet|json)$/i.exec(path);
  return m ? FORMATS[`.${m[1].toLowerCase()}`] : null;
}

/**
 * Expands `--input SOURCE=PATH` (a file, a folder searched recursively, or a glob) into files in
 * a deterministic order (sorted by path). A missing path or a folder without matching files is
 * an input error naming the path.
 */
export async function resolveInput(source: string, path: string): Promise<InputFile[]> {
  let files: { path: string; rel: string }[];
  if (/[*?[{]/.test(path)) {
    files = [];
    const base = globBase(path);
    for await (const p of glob(path)) if (formatOf(p)) files.push({ path: p, rel: relativeTo(base, p) });
  } else {
    let st;
    try {
      st = await stat(path);
    } catch {
      throw new InputFileError(path, `input for source "${source}" does not exist`);
    }
    if (st.isDirectory()) {
      const entries = await readdir(path, { recursive: true });
      files = entries.filter((e) => formatOf(e)).map((e) => ({ path: join(path, e), rel: e.split(sep).join('/') }));
    } else {
      if (!formatOf(path)) throw new InputFileError(path, 'unsupported file type: expected .jsonl, .parquet or .json');
      files = [{ path, rel: path.split(sep).pop()! }];
    }
  }
  if (files.length === 0) throw new InputFileError(path, `no .jsonl, .parquet or .json files found for source "${source}"`);
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const out: InputFile[] = [];
  for (const f of files) {
    const st = await stat(f.path);
    if (!st.isFile()) continue;
    out.push({ source, path: f.path, format: formatOf(f.path)!, relativePath: f.rel, size: st.size });
  }
  return out;
}

export function relativeTo(root: string, p: string): string {
  return relative(root, p).split(sep).join('/');
}

// The folder a glob starts from: its leading segments without wildcards (data/STAR/x.jsonl -> data).
function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const i = parts.findIndex((p) => /[*?[{]/.test(p));
  return parts.slice(0, i).join('/') || '.';
}
