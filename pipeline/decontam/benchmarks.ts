import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseCsvObjects } from './csv.ts';

/** One benchmark test problem. `item` names it inside its benchmark (upstream id or row). */
export interface BenchmarkItem {
  benchmark: string;
  item: string;
  problem: string;
}

export interface BenchmarkSpec {
  name: string;
  path: string;
}

/** Column holding the problem text, in order of preference (MATH-500/aimo/amc, GSM8K, AIME CSV). */
const PROBLEM_COLUMNS = ['problem', 'question', 'Question', 'Problem'];
/** Column holding an upstream id (MATH-500 `unique_id`, aimo/amc `id`, AIME CSV `ID`). */
const ID_COLUMNS = ['unique_id', 'id', 'ID'];

/**
 * The bundled default set (copied from /work/shared/data/benchmarks; origins and licenses in
 * data/benchmarks/README.md).
 */
export function defaultBenchmarkSpecs(projectRoot: string): BenchmarkSpec[] {
  const root = join(projectRoot, 'data', 'benchmarks');
  return [
    { name: 'math500', path: join(root, 'math-500', 'test.jsonl') },
    { name: 'gsm8k_test', path: join(root, 'gsm8k', 'test.jsonl') },
    { name: 'aime_1983_2024', path: join(root, 'aime', 'AIME_Dataset_1983_2024.csv') },
    { name: 'aime_2022_2024', path: join(root, 'aime', 'aimo-validation-aime.jsonl') },
    { name: 'amc_2023', path: join(root, 'amc', 'amc23_test.jsonl') },
  ];
}

/**
 * Loads benchmark files: JSONL (one object a line) or CSV (header row), picking the problem
 * column and the id column by name, so each bundled file's own columns and any generic file with
 * a `problem`/`question` column work. Rows without an id are named `row N` (1-based data row).
 * Throws an Error naming the file (and line) on unreadable input.
 */
export function loadBenchmarks(specs: BenchmarkSpec[]): BenchmarkItem[] {
  const items: BenchmarkItem[] = [];
  for (const spec of specs) items.push(...loadOne(spec));
  return items;
}

function loadOne(spec: BenchmarkSpec): BenchmarkItem[] {
  if (!existsSync(spec.path)) throw new Error(`benchmark ${spec.name}: file not found: ${spec.path}`);
  let text: string;
  try {
    text = readFileSync(spec.path, 'utf8');
  } catch (e) {
    throw new Error(`benchmark ${spec.name}: cannot read ${spec.path}: ${(e as Error).message}`);
  }
  const ext = extname(spec.path).toLowerCase();
  let rows: Record<string, unknown>[];
  if (ext === '.csv') {
    try {
      rows = parseCsvObjects(text);
    } catch (e) {
      throw new Error(`benchmark ${spec.name}: ${spec.path}: ${(e as Error).message}`);
    }
  } else if (ext === '.jsonl' || ext === '.json' || ext === '.ndjson') {
    rows = parseJsonRows(text, spec);
  } else {
    throw new Error(`benchmark ${spec.name}: ${spec.path}: unsupported file type (use .jsonl, .json or .csv)`);
  }
  const out: BenchmarkItem[] = [];
  rows.forEach((row, k) => {
    const col = PROBLEM_COLUMNS.find((c) => typeof row[c] === 'string');
    if (col === undefined) {
      throw new Error(`benchmark ${spec.name}: ${spec.path}: row ${k + 1} has no problem/question column`);
    }
    const idCol = ID_COLUMNS.find((c) => row[c] !== undefined && row[c] !== null && row[c] !== '');
    out.push({
      benchmark: spec.name,
      item: idCol !== undefined ? String(row[idCol]) : `row ${k + 1}`,
      problem: row[col] as string,
    });
  });
  if (out.length === 0) throw new Error(`benchmark ${spec.name}: ${spec.path}: no rows`);
  return out;
}

function parseJsonRows(text: string, spec: BenchmarkSpec): Record<string, unknown>[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as Record<string, unknown>[];
    } catch (e) {
      throw new Error(`benchmark ${spec.name}: ${spec.path}: invalid JSON: ${(e as Error).message}`);
    }
  }
  const rows: Record<string, unknown>[] = [];
  text.split(/\r?\n/).forEach((line, k) => {
    if (line.trim() === '') return;
    try {
      const v = JSON.parse(line) as unknown;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
      rows.push(v as Record<string, unknown>);
    } catch (e) {
      throw new Error(`benchmark ${spec.name}: ${spec.path}: line ${k + 1}: ${(e as Error).message}`);
    }
  });
  return rows;
}
