import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessedRecord } from '../../../schemas/processed.ts';
import { difficultyOf } from '../../../sources/difficulty.ts';
import { getAdapter } from '../../../sources/registry.ts';
import { contaminationEvidence } from '../../../pipeline/decontam/decontaminate.ts';
import { ByteSink } from '../../../pipeline/process/byte-sink.ts';
import { encodeMalformed, encodeRecord } from '../../../pipeline/process/staged-format.ts';
import type { MalformedRow } from '../../../pipeline/process/to-record.ts';
import { verdictOf, type Verdict } from '../../../pipeline/process/verdict.ts';
import { CORPUS_COLUMNS, REJECTED_COLUMNS } from '../../../pipeline/write/columns.ts';
import { ParquetShardWriter } from '../../../pipeline/write/parquet-shards.ts';
import { writeOutputs } from '../../../pipeline/write/write-outputs.ts';
import { Accounting, subsetKey } from '../../../pipeline/run/accounting.ts';
import { silentProgress } from '../../../pipeline/run/progress.ts';
import { parseConfig } from '../../../schemas/config.ts';
import type { Signal } from '../../../schemas/signal.ts';
import type { DedupDecision } from '../../../pipeline/dedup/types.ts';
import { withConnection } from '../../../pipeline/write/conversion-slots.ts';
import { copyShard } from '../../../pipeline/write/shard-scan.ts';
import { ShardRows } from '../../../pipeline/write/shard-rows.ts';
import { tempDir } from '../../helpers.ts';

/** Strings around the 12 bytes DuckDB stores inline, multi-byte characters, empty, long. */
const TEXTS = ['', 'x', 'x'.repeat(12), 'x'.repeat(13), '中'.repeat(4), '中'.repeat(5), 'é'.repeat(6) + 'y', 'Find $\\frac{1}{2}$ — 😀 "q" \\ \t\n', 'long '.repeat(400)];
const pick = <T>(xs: readonly T[], k: number): T => xs[k % xs.length];

function record(k: number): ProcessedRecord {
  const nothing = k % 7 === 0;
  return {
    id: String(k).padStart(k % 3 === 0 ? 8 : 20, '0'), // 8 bytes: inline in DuckDB; 20: not
    source: 'math',
    source_id: pick(TEXTS, k + 1),
    subset: nothing ? null : pick(['algebra', 'counting_and_probability'], k),
    problem: k === 4000 ? 'big '.repeat(400_000) : pick(TEXTS, k) + k, // one record larger than the read buffer
    problem_original: k % 5 === 0 ? pick(TEXTS, k + 2) : null,
    cleaning: nothing ? [] : k % 3 === 0 ? ['strip_asy', 'normalize_whitespace_in_math'] : ['x'],
    solution: nothing ? null : pick(TEXTS, k + 3),
    answer: nothing ? null : String(k),
    answer_origin: k % 2 ? 'column' : 'solution_boxed',
    answer_kind: nothing ? null : 'number',
    answer_canonical: k % 11 === 0 ? null : pick(TEXTS, k + 4),
    level: nothing ? null : pick(['Level 3', 'Level ?', '5'], k),
    subject: pick(TEXTS, k + 5),
    metadata: nothing ? {} : { k, t: pick(TEXTS, k) },
    signals: Array.from({ length: 1 + (k % 4) }, (_, j) => ({ filter: pick(['short', 'a_filter_name_past_12'], j), reason: pick(['r', 'multiple_choice_options'], j + k), fired: (k + j) % 9 === 0, evidence: (k + j) % 9 === 0 ? pick(TEXTS, j) : '' })),
    contamination: k % 13 === 0 ? { benchmark: 'math500', item: `test/${k}`, span: pick(TEXTS, k), kind: pick(['exact', 'ngram', 'template'] as const, k) } : null,
    input_file: pick(['a.jsonl', 'folder/train-00000-of-00001.parquet'], k),
    input_row: k % 17 === 0 ? 2 ** 40 + k : k + 1, // past 32 bits: both halves of the BIGINT
    folded_rows: 0,
  };
}

/** The dedup stage's decision for record `k`. */
function dedupOf(k: number): DedupDecision {
  const dup = k % 6 === 0;
  return {
    index: k,
    dup_cluster: dup ? `c${k}`.padEnd(16, 'f') : null,
    dup_cluster_size: dup ? 2 + (k % 3) : 1,
    duplicate_of: dup && k % 12 === 0 ? `id-${k - 1}` : null,
    reason: dup && k % 12 === 0 ? 'near_duplicate' : null,
    evidence: dup && k % 12 === 0 ? 'same text as a kept record' : '',
  };
}

function malformed(k: number): MalformedRow {
  return { id: `m-${k}`, source: 'math', source_id: String(k), input_file: 'bad.jsonl', input_row: k, error: `broken: ${pick(TEXTS, k)}`.repeat(k % 3 ? 1 : 40), excerpt: pick(TEXTS, k) };
}

/** The JSON row of a record as the write stage spliced it before the binary staging. */
function jsonRow(r: ProcessedRecord, dd: DedupDecision, folded: number, v: Verdict | null): Record<string, unknown> {
  const c = r.contamination;
  const row: Record<string, unknown> = {
    id: r.id, source: r.source, source_id: r.source_id, subset: r.subset, problem: r.problem, problem_original: r.problem_original,
    cleaning: r.cleaning, solution: r.solution, answer: r.answer, answer_origin: r.answer_origin, answer_kind: r.answer_kind,
    answer_canonical: r.answer_canonical, level: r.level, difficulty: difficultyOf(getAdapter(r.source), r.level), subject: r.subject,
    metadata: JSON.stringify(r.metadata), contamination: c ? `${c.benchmark}:${c.item}` : null, input_file: r.input_file, input_row: r.input_row,
    signals: [...r.signals, { filter: 'decontamination', reason: 'benchmark_contamination', fired: c !== null, evidence: c ? contaminationEvidence(c).slice(0, 300) : '' }, dedupSignal(dd)],
    dup_cluster: dd.dup_cluster, dup_cluster_size: dd.dup_cluster_size, duplicate_of: dd.duplicate_of, folded_rows: folded,
  };
  if (v) Object.assign(row, { reason: v.reason, reasons: v.reasons, stage: v.stage, evidence: v.evidence });
  return row;
}

function dedupSignal(dd: DedupDecision): Signal {
  return { filter: 'dedup', reason: dd.reason ?? 'exact_duplicate', fired: !!dd.reason, evidence: dd.evidence };
}

function jsonMalformed(m: MalformedRow): Record<string, unknown> {
  return {
    id: m.id, source: m.source, source_id: m.source_id, subset: null, problem: m.excerpt, cleaning: [], metadata: '{}',
    signals: [{ filter: 'read', reason: 'malformed_row', fired: true, evidence: m.error }], dup_cluster_size: 1, folded_rows: 0,
    input_file: m.input_file, input_row: m.input_row, reason: 'malformed_row', reasons: ['malformed_row'], stage: 'read', evidence: m.error.slice(0, 300),
  };
}

/** A staging file being written. */
class Staging {
  readonly path: string;
  private readonly out = new ByteSink();
  constructor(dir: string, name: string) {
    this.path = join(dir, name);
  }
  add(encode: (out: ByteSink) => void): void {
    encode(this.out);
  }
  save(): void {
    writeFileSync(this.path, this.out.done());
  }
}

describe('writeOutputs', () => {
  it('writes the same Parquet bytes from staging frames as DuckDB made from the JSON rows of the same values', async () => {
    const out = tempDir();
    const config = parseConfig({ out, rows_per_shard: 3000 }); // shards of two chunks and a part, the last one shorter
    const jsonCorpus = new ParquetShardWriter(tempDir(), CORPUS_COLUMNS, config.rows_per_shard);
    const jsonRejected = new ParquetShardWriter(tempDir(), REJECTED_COLUMNS, config.rows_per_shard);
    const stagingDir = tempDir();
    const staging = [new Staging(stagingDir, 'task-00000.staged.bin'), new Staging(stagingDir, 'task-00001.staged.bin')];
    const dedup: DedupDecision[] = [];
    const folded = new Map<string, number>();
    for (let k = 0; k < 7000; k++) {
      const file = staging[k < 4500 ? 0 : 1];
      if (k % 50 === 49) {
        const m = malformed(k);
        file.add((o) => encodeMalformed(o, m));
        await jsonRejected.write(jsonMalformed(m));
        continue;
      }
      const r = record(k);
      file.add((o) => encodeRecord(o, r, null));
      const dd = dedupOf(dedup.length);
      dedup.push(dd);
      if (k % 10 === 0) folded.set(r.id, k);
      const fired = (jsonRow(r, dd, 0, null).signals as Signal[]).filter((s) => s.fired);
      const v = verdictOf(fired, new Set());
      if (v.kept) await jsonCorpus.write(jsonRow(r, dd, folded.get(r.id) ?? 0, null));
      else await jsonRejected.write(jsonRow(r, dd, folded.get(r.id) ?? 0, v));
    }
    for (const s of staging) s.save();
    const accounting = new Accounting();
    accounting.addTask({ source: 'math', rows_by_file: { 'a.jsonl': 7000 }, records: 0, malformed: 0, folded: 0, folded_into: {}, subsets: { algebra: 0, counting_and_probability: 0, [subsetKey(null)]: 0 } });
    const outputs = await writeOutputs(staging.map((s) => s.path), { dedup, summary: null }, folded, config, accounting, silentProgress);
    const [jc, jr] = await Promise.all([jsonCorpus.close(), jsonRejected.close()]);
    const strip = (xs: { rows: number; sha256: string }[]) => xs.map(({ rows, sha256 }) => ({ rows, sha256 }));
    expect(outputs.corpus.length).toBeGreaterThan(1);
    expect(outputs.rejected.length).toBeGreaterThan(0);
    expect(strip(outputs.corpus)).toEqual(strip(jc));
    expect(strip(outputs.rejected)).toEqual(strip(jr));
    expect(outputs.corpus.map((s) => s.path)).toEqual(jc.map((s) => `corpus/${s.path}`));
    expect(readdirSync(join(out, 'corpus')).sort()).toEqual(jc.map((s) => s.path));
    expect(accounting.counts().math).toMatchObject({ kept: jc.reduce((n, x) => n + x.rows, 0), rejected: jr.reduce((n, x) => n + x.rows, 0) });
  }, 120_000);
  it('a staged row that does not decode fails the conversion with a message, and nothing is written', async () => {
    const dir = tempDir();
    const staged = join(dir, 'task-00000.staged.bin');
    writeFileSync(staged, Buffer.from([3, 0, 0, 0, 7, 0, 0])); // one frame of an unknown kind
    const rows = new ShardRows();
    rows.addMalformed(staged, 4, 3);
    const out = join(dir, 'out.parquet');
    await expect(withConnection((con) => copyShard(con, rows, true, `'${out}' (FORMAT parquet)`))).rejects.toThrow(/does not match its staging frame/);
    expect(existsSync(out)).toBe(false);
  });
});
