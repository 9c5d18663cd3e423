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
import { ParquetShardWriter, ShardRowWriter } from '../../../pipeline/write/parquet-shards.ts';
import { withConnection } from '../../../pipeline/write/conversion-slots.ts';
import { copyShard } from '../../../pipeline/write/shard-scan.ts';
import { ShardRows, type GlobalFields } from '../../../pipeline/write/shard-rows.ts';
import { tempDir } from '../../helpers.ts';

/** Strings around the 12 bytes DuckDB stores inline, multi-byte characters, empty, long. */
const TEXTS = ['', 'x', 'x'.repeat(12), 'x'.repeat(13), '中'.repeat(4), '中'.repeat(5), 'é'.repeat(6) + 'y', 'Find $\\frac{1}{2}$ — 😀 "q" \\ \t\n', 'long '.repeat(400)];
const pick = <T>(xs: readonly T[], k: number): T => xs[k % xs.length];

function record(k: number): ProcessedRecord {
  const nothing = k % 7 === 0;
  return {
    id: `id-${k}`.padEnd(k % 3 === 0 ? 8 : 20, '0'),
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

function globals(k: number): GlobalFields {
  const dup = k % 6 === 0;
  return {
    dup_cluster: dup ? `c${k}`.padEnd(16, 'f') : null,
    dup_cluster_size: dup ? 2 + (k % 3) : 1,
    duplicate_of: dup && k % 12 === 0 ? `id-${k - 1}` : null,
    folded_rows: k % 10 === 0 ? k : 0,
    dedup: { reason: dup ? 'near_duplicate' : 'exact_duplicate', fired: dup && k % 12 === 0, evidence: dup && k % 12 === 0 ? 'same text as a kept record' : '' },
  };
}

function malformed(k: number): MalformedRow {
  return { id: `m-${k}`, source: 'math', source_id: String(k), input_file: 'bad.jsonl', input_row: k, error: `broken: ${pick(TEXTS, k)}`.repeat(k % 3 ? 1 : 40), excerpt: pick(TEXTS, k) };
}

/** The JSON row of a record as the write stage spliced it before the binary staging. */
function jsonRow(r: ProcessedRecord, g: GlobalFields, v: Verdict | null): Record<string, unknown> {
  const c = r.contamination;
  const row: Record<string, unknown> = {
    id: r.id, source: r.source, source_id: r.source_id, subset: r.subset, problem: r.problem, problem_original: r.problem_original,
    cleaning: r.cleaning, solution: r.solution, answer: r.answer, answer_origin: r.answer_origin, answer_kind: r.answer_kind,
    answer_canonical: r.answer_canonical, level: r.level, difficulty: difficultyOf(getAdapter(r.source), r.level), subject: r.subject,
    metadata: JSON.stringify(r.metadata), contamination: c ? `${c.benchmark}:${c.item}` : null, input_file: r.input_file, input_row: r.input_row,
    signals: [...r.signals, { filter: 'decontamination', reason: 'benchmark_contamination', fired: c !== null, evidence: c ? contaminationEvidence(c).slice(0, 300) : '' }, { filter: 'dedup', ...g.dedup }],
    dup_cluster: g.dup_cluster, dup_cluster_size: g.dup_cluster_size, duplicate_of: g.duplicate_of, folded_rows: g.folded_rows,
  };
  if (v) Object.assign(row, { reason: v.reason, reasons: v.reasons, stage: v.stage, evidence: v.evidence });
  return row;
}

function jsonMalformed(m: MalformedRow): Record<string, unknown> {
  return {
    id: m.id, source: m.source, source_id: m.source_id, subset: null, problem: m.excerpt, cleaning: [], metadata: '{}',
    signals: [{ filter: 'read', reason: 'malformed_row', fired: true, evidence: m.error }], dup_cluster_size: 1, folded_rows: 0,
    input_file: m.input_file, input_row: m.input_row, reason: 'malformed_row', reasons: ['malformed_row'], stage: 'read', evidence: m.error.slice(0, 300),
  };
}

/** Staging files being written: frames are appended and located as the write stage finds them. */
class Staging {
  readonly path: string;
  private readonly out = new ByteSink();
  constructor(dir: string, name: string) {
    this.path = join(dir, name);
  }
  /** Appends a frame; returns the offset and length of its bytes (after the length prefix). */
  add(encode: (out: ByteSink) => void): [number, number] {
    const start = this.out.length;
    encode(this.out);
    return [start + 4, this.out.length - start - 4];
  }
  save(): void {
    writeFileSync(this.path, this.out.done());
  }
}

describe('ShardRowWriter', () => {
  it('writes the same Parquet bytes from binary rows as DuckDB made from the JSON rows of the same values', async () => {
    const dirs = { binCorpus: tempDir(), binRejected: tempDir(), jsonCorpus: tempDir(), jsonRejected: tempDir() };
    const rowsPerShard = 3000; // shards of two chunks and a part, the last one shorter
    const binCorpus = new ShardRowWriter(dirs.binCorpus, 'corpus', rowsPerShard);
    const binRejected = new ShardRowWriter(dirs.binRejected, 'rejected', rowsPerShard);
    const jsonCorpus = new ParquetShardWriter(dirs.jsonCorpus, CORPUS_COLUMNS, rowsPerShard);
    const jsonRejected = new ParquetShardWriter(dirs.jsonRejected, REJECTED_COLUMNS, rowsPerShard);
    const stagingDir = tempDir();
    const staging = [new Staging(stagingDir, 'task-00000.staged.bin'), new Staging(stagingDir, 'task-00001.staged.bin')];
    const writes: (() => Promise<void>)[] = []; // run once the staging files are complete
    for (let k = 0; k < 7000; k++) {
      const file = staging[k < 4500 ? 0 : 1]; // shards take rows from two staging files
      if (k % 50 === 49) {
        const m = malformed(k);
        const [offset, length] = file.add((out) => encodeMalformed(out, m));
        writes.push(() => binRejected.writeMalformed(file.path, offset, length));
        await jsonRejected.write(jsonMalformed(m));
        continue;
      }
      const r = record(k);
      const g = globals(k);
      const [offset, length] = file.add((out) => encodeRecord(out, r, null));
      const fired = [...r.signals, ...(g.dedup.fired ? [{ filter: 'dedup', ...g.dedup }] : [])].filter((s) => s.fired);
      const v = verdictOf(fired, new Set());
      if (v.kept) {
        writes.push(() => binCorpus.writeRecord(file.path, offset, length, g, null));
        await jsonCorpus.write(jsonRow(r, g, null));
      } else {
        writes.push(() => binRejected.writeRecord(file.path, offset, length, g, v));
        await jsonRejected.write(jsonRow(r, g, v));
      }
    }
    for (const s of staging) s.save();
    for (const w of writes) await w();
    const shards = await Promise.all([binCorpus.close(), binRejected.close(), jsonCorpus.close(), jsonRejected.close()]);
    const [bc, br, jc, jr] = shards.map((s) => s.map(({ rows, sha256 }) => ({ rows, sha256 })));
    expect(bc.length).toBeGreaterThan(1);
    expect(br.length).toBeGreaterThan(0);
    expect(bc).toEqual(jc);
    expect(br).toEqual(jr);
    expect(readdirSync(dirs.binCorpus).every((f) => /^part-\d{5}\.parquet$/.test(f))).toBe(true);
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
