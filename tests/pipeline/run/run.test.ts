import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT, tempDir } from '../../helpers.ts';
import { bigmath, manifestOf, readShards } from '../../run-helpers.ts';

/** The bundled sample through the real CLI: every row accounted for, readable, deterministic. */
describe('bigmath run on the bundled sample', () => {
  let a: string;
  let b: string;
  beforeAll(() => {
    a = join(tempDir(), 'out');
    b = join(tempDir(), 'out');
    // run a on worker threads (forced even for this small input), run b inline: same bytes expected
    const cfg = join(tempDir(), 'threads.json');
    writeFileSync(cfg, JSON.stringify({ worker_min_input_mb: 0, workers: 2 }));
    const r1 = bigmath(['run', '--out', a, '--rows-per-shard', '200', '--config', cfg]);
    // nothing but the stage lines a piped run logs: no warning, no error
    expect(r1.stderr.split('\n').filter((l) => l && !/^bigmath: (\s|(reading|dedup|writing)\b)/.test(l))).toEqual([]);
    expect(r1.status).toBe(0);
    const r2 = bigmath(['run', '--out', b, '--rows-per-shard', '200', '--workers', '0']);
    expect(r2.status).toBe(0);
  }, 300_000);

  it('prints a summary table and accounts for every row per source', () => {
    const m = manifestOf(a);
    expect(Object.keys(m.counts).sort()).toEqual(['harp', 'math', 'numinamath', 'omni_math', 'openmathinstruct2']);
    expect(m.accounting_ok).toBe(true);
    for (const c of Object.values(m.counts) as { read: number; kept: number; rejected: number; folded: number }[]) {
      expect(c.read).toBe(c.kept + c.rejected + c.folded);
      expect(c.read).toBeGreaterThan(0);
    }
    expect(m.counts.math.read).toBe(300);
    expect(m.counts.harp.read).toBe(300);
    expect(m.counts.openmathinstruct2.read).toBe(100);
  });

  it('stats.json times every stage, the hashes, report and card after the write included', () => {
    const stats = JSON.parse(readFileSync(join(a, 'stats.json'), 'utf8')) as { stages: { stage: string; wall_s: number }[] };
    expect(stats.stages.map((s) => s.stage)).toEqual(['identify+boilerplate', 'read+filter+decontam', 'dedup', 'write', 'report+card']);
    expect(stats.stages.at(-1)!.wall_s).toBeGreaterThan(0);
  });

  it('writes byte-identical shards and manifest on a second run (threads or not)', () => {
    expect(readFileSync(join(a, 'manifest.json'), 'utf8')).toBe(readFileSync(join(b, 'manifest.json'), 'utf8'));
    for (const d of ['corpus', 'rejected']) {
      const files = readdirSync(join(a, d)).sort();
      expect(files).toEqual(readdirSync(join(b, d)).sort());
      for (const f of files) expect(readFileSync(join(a, d, f)).equals(readFileSync(join(b, d, f)))).toBe(true);
    }
  });

  it('rejects exactly the MATH-500 problems of the MATH.tar sample as contamination, and keeps most', async () => {
    const rejected = await readShards(a, 'rejected');
    const tar = rejected.filter((r) => r.source === 'math' && String(r.source_id).startsWith('test/'));
    expect(tar).toHaveLength(50);
    for (const r of tar) {
      expect(r.reasons).toContain('benchmark_contamination');
      expect(String(r.contamination)).toMatch(/^math500:test\//);
    }
    const m = manifestOf(a);
    expect(m.totals.kept / (m.totals.read - m.totals.folded)).toBeGreaterThan(0.6);
  });

  it('shards read back with hyparquet and DuckDB, rows match the manifest', async () => {
    const m = manifestOf(a);
    const corpus = await readShards(a, 'corpus');
    const rejected = await readShards(a, 'rejected');
    expect(corpus.length).toBe(m.totals.kept);
    expect(rejected.length).toBe(m.totals.rejected);
    expect(new Set([...corpus, ...rejected].map((r) => r.id)).size).toBe(corpus.length + rejected.length);
    for (const r of rejected) {
      expect(typeof r.reason).toBe('string');
      expect((r.reasons as string[]).includes(r.reason as string)).toBe(true);
    }
    // LaTeX backslashes survive the round trip
    expect(corpus.some((r) => String(r.problem).includes('\\frac'))).toBe(true);
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const res = await con.runAndReadAll(`SELECT count(*)::INT AS n FROM read_parquet('${a}/corpus/*.parquet')`);
    expect(res.getRowObjectsJS()[0].n).toBe(m.totals.kept);
  });

  it('verify passes on the finished run', () => {
    const v = bigmath(['verify', a]);
    expect(v.stdout).toMatch(/^ok: \d+ checks passed/m);
    expect(v.status).toBe(0);
  });
});

describe('malformed rows', () => {
  it('become malformed_row rejections naming file and line, and the run goes on', async () => {
    const dir = tempDir();
    const input = join(dir, 'harp.jsonl');
    const good = readFileSync(join(ROOT, 'data/sample/harp/HARP.jsonl'), 'utf8').split('\n').slice(0, 3).join('\n');
    writeFileSync(input, `${good}\n{"year": "1999", "contest": "AMC_8", "number": "x"}\nnot json\n{"year": "2000"`);
    const out = join(dir, 'out');
    const r = bigmath(['run', '--input', `harp=${input}`, '--out', out]);
    expect(r.status).toBe(0);
    const m = manifestOf(out);
    expect(m.counts.harp.read).toBe(6);
    expect(m.counts.harp.by_reason.malformed_row).toBe(3);
    const rejected = await readShards(out, 'rejected');
    const bad = rejected.filter((x) => x.reason === 'malformed_row').map((x) => String(x.evidence));
    expect(bad.some((e) => e.includes('harp.jsonl line 4') && e.includes('"number"'))).toBe(true);
    expect(bad.some((e) => e.includes('line 5') && e.includes('invalid JSON'))).toBe(true);
    expect(bad.some((e) => e.includes('line 6'))).toBe(true);
  });
});

describe('decontamination policy', () => {
  it('keep_benchmark_problems keeps contaminated problems (signal recorded) and lets them be kept in dedup', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'keep.json');
    writeFileSync(cfg, JSON.stringify({ decontamination: { keep_benchmark_problems: true } }));
    const out = join(dir, 'out');
    expect(bigmath(['run', '--input', `math=${join(ROOT, 'data/sample/math')}`, '--out', out, '--config', cfg]).status).toBe(0);
    const corpus = await readShards(out, 'corpus');
    const rejected = await readShards(out, 'rejected');
    expect(rejected.filter((r) => r.reason === 'benchmark_contamination')).toHaveLength(0);
    const kept = corpus.filter((r) => r.contamination !== null);
    expect(kept.length).toBeGreaterThan(30);
    for (const r of kept) expect((r.signals as { filter: string; fired: boolean }[]).find((x) => x.filter === 'decontamination')!.fired).toBe(true);
  });

  it('with keep_benchmark_problems, two copies of a benchmark problem still dedup to one', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'keep.json');
    writeFileSync(cfg, JSON.stringify({ decontamination: { keep_benchmark_problems: true } }));
    const tarDir = join(ROOT, 'data/sample/math/test/algebra');
    const row = JSON.stringify(JSON.parse(readFileSync(join(tarDir, readdirSync(tarDir)[0]), 'utf8')));
    writeFileSync(join(dir, 'math.jsonl'), `${row}\n${row}\n`);
    const out = join(dir, 'out');
    expect(bigmath(['run', '--input', `math=${join(dir, 'math.jsonl')}`, '--out', out, '--config', cfg]).status).toBe(0);
    const corpus = await readShards(out, 'corpus');
    const rejected = await readShards(out, 'rejected');
    expect(corpus).toHaveLength(1);
    expect(corpus[0].contamination).not.toBeNull();
    expect(rejected.map((r) => r.reason)).toEqual(['exact_duplicate']);
  });
});

describe('record ids', () => {
  it('stay unique when an upstream row repeats (the copy is a duplicate, not a lost row)', async () => {
    const dir = tempDir();
    const line = readFileSync(join(ROOT, 'data/sample/harp/HARP.jsonl'), 'utf8').split('\n')[0];
    writeFileSync(join(dir, 'HARP.jsonl'), `${line}\n${line}\n`);
    const out = join(dir, 'out');
    expect(bigmath(['run', '--input', `harp=${join(dir, 'HARP.jsonl')}`, '--out', out]).status).toBe(0);
    const all = [...(await readShards(out, 'corpus')), ...(await readShards(out, 'rejected'))];
    expect(all).toHaveLength(2);
    expect(new Set(all.map((r) => r.id)).size).toBe(2);
    expect(all[1].source_id).toBe(`${all[0].source_id}#HARP.jsonl:2`);
    expect(all.some((r) => r.reason === 'exact_duplicate' || (r.reasons as string[] | undefined)?.includes('exact_duplicate'))).toBe(true);
    expect(bigmath(['verify', out]).status).toBe(0);
  });
});

describe('OpenMathInstruct-2 folding', () => {
  it('folds solution rows of one problem into one record and counts them', async () => {
    const dir = tempDir();
    const rows = readFileSync(join(ROOT, 'tests/fixtures/sources/openmathinstruct2.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const lines = [rows[0], rows[1], { ...rows[0], generated_solution: 'Another way. \\boxed{2}' }, rows[2], { ...rows[0], generated_solution: 'Third.' }];
    mkdirSync(join(dir, 'omi'));
    writeFileSync(join(dir, 'omi', 'a.jsonl'), lines.slice(0, 3).map((l) => JSON.stringify(l)).join('\n') + '\n');
    writeFileSync(join(dir, 'omi', 'b.jsonl'), lines.slice(3).map((l) => JSON.stringify(l)).join('\n') + '\n');
    const out = join(dir, 'out');
    expect(bigmath(['run', '--input', `openmathinstruct2=${join(dir, 'omi')}`, '--out', out]).status).toBe(0);
    const m = manifestOf(out);
    expect(m.counts.openmathinstruct2).toMatchObject({ read: 5, folded: 2 });
    const all = [...(await readShards(out, 'corpus')), ...(await readShards(out, 'rejected'))];
    expect(all).toHaveLength(3);
    const first = all.find((r) => r.problem === rows[0].problem)!;
    expect(first.folded_rows).toBe(2);
    expect(first.solution).toBe(rows[0].generated_solution);
  });
});

describe('input errors', () => {
  it('exits 2 naming a missing path', () => {
    const r = bigmath(['run', '--input', 'math=/nonexistent/x.jsonl', '--out', join(tempDir(), 'o')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/nonexistent/x.jsonl');
  });
  it('exits 2 on an unknown source', () => {
    const r = bigmath(['run', '--input', `nope=${join(ROOT, 'data/sample/harp')}`, '--out', join(tempDir(), 'o')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown source "nope"/);
  });
  it('exits 2 on a folder with no matching files', () => {
    const d = tempDir();
    copyFileSync(join(ROOT, 'package.json'), join(d, 'x.txt'));
    const r = bigmath(['run', '--input', `harp=${d}`, '--out', join(tempDir(), 'o')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no \.jsonl, \.parquet or \.json files/);
  });
});
