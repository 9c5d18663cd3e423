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
const ID_COLUMNS = ['unique_id', 'id', 'ID', 'idx'];
/** A shared preamble some benchmarks keep apart from the question (OlympiadBench `context`). */
const CONTEXT_COLUMN = 'context';

/** A benchmark of the bundled default set, with where it comes from (data/benchmarks/README.md). */
export interface BundledBenchmark {
  name: string;
  /** Path under data/benchmarks/. */
  file: string;
  origin: string;
  license: string;
}

export const BUNDLED_BENCHMARKS: readonly BundledBenchmark[] = [
  { name: 'math500', file: 'math-500/test.jsonl', origin: 'MATH-500 (OpenAI PRM800K split), HuggingFaceH4/MATH-500', license: 'MIT' },
  { name: 'gsm8k_test', file: 'gsm8k/test.jsonl', origin: 'GSM8K test, openai/gsm8k', license: 'MIT' },
  { name: 'aime_1983_2024', file: 'aime/AIME_Dataset_1983_2024.csv', origin: 'di-zhang-fdu/AIME_1983_2024', license: 'MIT (HF card)' },
  { name: 'aime_2022_2024', file: 'aime/aimo-validation-aime.jsonl', origin: 'AI-MO/aimo-validation-aime', license: 'not stated (AoPS wiki texts, MAA)' },
  { name: 'amc_2023', file: 'amc/amc23_test.jsonl', origin: 'AMC 12 2023, derived copy of AI-MO/aimo-validation-amc (QwenLM/Qwen2.5-Math)', license: 'none stated' },
  { name: 'olympiadbench', file: 'olympiadbench/test.jsonl', origin: 'OlympiadBench, English text-only open-ended math (QwenLM/Qwen2.5-Math evaluation/data)', license: 'research use (authors); repository Apache-2.0' },
  { name: 'minerva_math', file: 'minerva-math/test.jsonl', origin: 'Minerva MIT OCW problems (QwenLM/Qwen2.5-Math evaluation/data)', license: 'CC BY-NC-SA (MIT OCW)' },
  { name: 'aime_2025', file: 'aime2025/aime25.jsonl', origin: 'AIME 2025 I and II (mlfoundations/evalchemy)', license: 'not stated (MAA problems)' },
];

/**
 * The bundled default set (copied from /work/shared/data/benchmarks; origins and licenses in
 * data/benchmarks/README.md).
 */
export function defaultBenchmarkSpecs(projectRoot: string): BenchmarkSpec[] {
  const root = join(projectRoot, 'data', 'benchmarks');
  return BUNDLED_BENCHMARKS.map((b) => ({ name: b.name, path: join(root, b.file) }));
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
    const context = row[CONTEXT_COLUMN];
    out.push({
      benchmark: spec.name,
      item: idCol !== undefined ? String(row[idCol]) : `row ${k + 1}`,
      problem: typeof context === 'string' && context.trim() !== '' ? `${context}\n${row[col] as string}` : (row[col] as string),
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
