import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers.ts';
import { withOutputs } from '../../../pipeline/audit/outputs.ts';
import { auditSummary, filterBehaviour } from '../../../pipeline/audit/summary.ts';
import { sampleRejected } from '../../../pipeline/audit/sample.ts';
import { parseWhatIf, whatIf } from '../../../pipeline/audit/what-if.ts';
import { buildFixtureOutput, type Fixture } from './fixture-output.ts';
import { runCli } from './cli-harness.ts';

let fx: Fixture;
let fxDisabled: Fixture;

beforeAll(async () => {
  fx = await buildFixtureOutput(tempDir('bigmath-audit-'));
  fxDisabled = await buildFixtureOutput(tempDir('bigmath-audit-dis-'), { disable: ['true_false'] });
});

const count = <T>(xs: T[], p: (x: T) => boolean) => xs.filter(p).length;

describe('audit summary (DuckDB over the Parquet shards)', () => {
  it('funnel and reason counts agree with the manifest and the records written', async () => {
    await withOutputs(fx.dir, async (o) => {
      expect(o.shards.corpus.length).toBeGreaterThan(1); // several shards are read together
      const s = await auditSummary(o);
      expect(s.mismatches).toEqual([]);
      for (const f of s.funnel) {
        const m = fx.manifest.counts[f.source];
        expect(f.read).toBe(m.read);
        expect(f.kept).toBe(m.kept);
        expect(f.folded).toBe(m.folded);
        expect(f.stages.at(-1)!.remaining).toBe(m.kept);
        // remaining decreases by removed at each stage
        let left = f.records;
        for (const st of f.stages) {
          left -= st.removed;
          expect(st.remaining).toBe(left);
        }
      }
      expect(s.total.kept).toBe(fx.manifest.totals.kept);
      const numina = s.funnel.find((f) => f.source === 'numinamath')!;
      expect(numina.stages.find((x) => x.stage === 'source_policy')!.removed).toBe(fx.manifest.counts.numinamath.by_reason.source_excluded);
      for (const c of s.cells) expect(c.primary).toBe(fx.manifest.counts[c.source].by_reason[c.reason] ?? 0);
      for (const c of s.cells) expect(c.any).toBe(fx.manifest.counts[c.source].by_any_reason[c.reason] ?? 0);
    });
  });

  it('reports a manifest that disagrees with the shards', async () => {
    const dir = tempDir('bigmath-audit-bad-');
    const f = await buildFixtureOutput(dir, { perSource: 17 });
    const m = structuredClone(f.manifest);
    m.counts.math.kept += 1;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    const r = await runCli(['audit', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/source math: kept is \d+ in the Parquet outputs but \d+ in manifest.json/);
  });

  it('filter behaviour: fired, first and sole counts', async () => {
    await withOutputs(fx.dir, async (o) => {
      const fb = await filterBehaviour(o);
      const rows = fx.rows;
      const yesNo = fb.find((f) => f.filter === 'yes_no')!;
      const firedOn = (name: string) => count(rows, (r) => r.signals.some((s) => s.filter === name && s.fired));
      expect(yesNo.fired).toBe(firedOn('yes_no'));
      expect(yesNo.primary).toBe(count(rows, (r) => r.reason === 'yes_no'));
      expect(yesNo.sole).toBe(count(rows, (r) => r.signals.filter((s) => s.fired).length === 1 && r.signals.some((s) => s.filter === 'yes_no' && s.fired)));
      const dedup = fb.find((f) => f.filter === 'dedup')!;
      expect(dedup.reasons).toEqual(['exact_duplicate', 'near_duplicate', 'answer_conflict']);
      expect(fb.map((f) => f.filter).slice(0, 3)).toEqual(['read', 'source_excluded', 'non_english']);
      expect(fb.at(-1)!.filter).toBe('dedup');
    });
  });
});

describe('bigmath audit (command line)', () => {
  it('prints the funnel and the source x reason table', async () => {
    const r = await runCli(['audit', fx.dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Funnel per source');
    const kept = r.stdout.split('\n').find((l) => l.startsWith('kept '))!;
    expect(kept.trim().split(/\s+/).slice(1)).toEqual([...Object.values(fx.manifest.counts).map((c) => String(c.kept)), String(fx.manifest.totals.kept)]);
    const yesNo = r.stdout.split('\n').find((l) => l.startsWith('yes_no '))!;
    expect(yesNo).toContain('open_ended');
    expect(yesNo.trim().split(/\s+/).at(-1)).toBe(String(count(fx.rows, (x) => x.reason === 'yes_no')));
    expect(r.stdout).toContain('How each filter behaves');
  });

  it('--format json and csv', async () => {
    const j = await runCli(['audit', fx.dir, '--format', 'json']);
    const parsed = JSON.parse(j.stdout);
    expect(parsed.total.kept).toBe(fx.manifest.totals.kept);
    expect(parsed.filters.length).toBeGreaterThan(10);
    const c = await runCli(['audit', fx.dir, '--format', 'csv']);
    const lines = c.stdout.trim().split('\n');
    expect(lines[0]).toBe('table,source,stage,reason,count');
    expect(lines).toContain(`funnel,total,kept,,${fx.manifest.totals.kept}`);
    expect(lines).toContain(`rejected_primary,numinamath,source_policy,source_excluded,${fx.manifest.counts.numinamath.by_reason.source_excluded}`);
  });

  it('--any counts every failing check', async () => {
    const r = await runCli(['audit', fx.dir, '--any']);
    const tf = r.stdout.split('\n').find((l) => l.startsWith('true_false '))!;
    expect(tf.trim().split(/\s+/).at(-1)).toBe(String(count(fx.rows, (x) => !x.kept && x.signals.some((s) => s.filter === 'true_false' && s.fired))));
  });

  it('samples rejected problems by reason and source, deterministically', async () => {
    const a = await runCli(['audit', fx.dir, '--reason', 'multiple_choice', '--sample', '3', '--seed', '7']);
    const b = await runCli(['audit', fx.dir, '--reason', 'multiple_choice', '--sample', '3', '--seed', '7']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('3 sampled rejected problems (reason multiple_choice; seed 7)');
    expect(a.stdout).toContain('evidence: options (A) (B) (C)');
    expect(a.stdout.match(/reason: {3}multiple_choice/g)).toHaveLength(3);
    const j = JSON.parse((await runCli(['audit', fx.dir, '--reason', 'multiple_choice', '--source', 'harp', '--sample', '50', '-f', 'json'])).stdout);
    expect(j.length).toBe(count(fx.rows, (x) => x.reason === 'multiple_choice' && x.source === 'harp'));
    expect(j.every((x: { source: string; fired: { filter: string }[] }) => x.source === 'harp' && x.fired.some((s) => s.filter === 'multiple_choice'))).toBe(true);
    await withOutputs(fx.dir, async (o) => {
      const small = await sampleRejected(o, { n: 3, seed: 1 });
      const large = await sampleRejected(o, { n: 6, seed: 1 });
      expect(large.slice(0, 3).map((x) => x.id)).toEqual(small.map((x) => x.id)); // a larger sample extends a smaller one
    });
    const csv = (await runCli(['audit', fx.dir, '--reason', 'yes_no', '-n', '2', '-f', 'csv'])).stdout.trim().split('\n');
    expect(csv[0]).toBe('id,source,subset,source_id,reason,reasons,stage,evidence,fired,answer,problem');
    expect(csv).toHaveLength(3);
  });

  it('rejects unknown reasons, sources and folders with exit code 2', async () => {
    const r = await runCli(['audit', fx.dir, '--reason', 'nope', '--sample', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown reason "nope"; reasons present in .*: malformed_row, source_excluded, non_english/);
    const known = await runCli(['audit', fx.dir, '--reason', 'benchmark_contamination', '--source', 'math', '--sample', '2']);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/^0 sampled rejected problems/);
    expect((await runCli(['audit', fx.dir, '--source', 'nope'])).code).toBe(2);
    const missing = await runCli(['audit', join(fx.dir, 'missing')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/is not a folder/);
    const notRun = await runCli(['audit', join(fx.dir, 'corpus')]);
    expect(notRun.stderr).toMatch(/manifest.json not found/);
    expect((await runCli(['audit', fx.dir, '--format', 'xml'])).code).toBe(2);
    expect((await runCli(['audit', fx.dir, '--sample', '0'])).code).toBe(2);
  });
});

describe('what-if', () => {
  it('a misspelt filter is an error naming the nearest valid name', async () => {
    const r = await runCli(['audit', fx.dir, '--what-if', 'disable=yes_n0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bigmath: --what-if disable: unknown filter "yes_n0"; did you mean "yes_no"\?[^\n]*\n$/);
  });
  it('disable=F1,F2 keeps exactly the rejected records whose fired signals are all disabled', async () => {
    const off = new Set(['yes_no', 'multi_part']);
    await withOutputs(fx.dir, async (o) => {
      const r = await whatIf(o, parseWhatIf(['disable=yes_no,multi_part'], o));
      for (const row of r.rows) {
        const expected = count(fx.rows, (x) => x.source === row.source && !x.kept && x.signals.filter((s) => s.fired).every((s) => off.has(s.filter)));
        expect(row.newly_kept, row.source).toBe(expected);
        expect(row.kept_after).toBe(row.kept + row.newly_kept);
        expect(row.newly_rejected).toBe(0);
      }
      expect(r.total.newly_kept).toBeGreaterThan(0);
      expect(r.caveats.join(' ')).toMatch(/never candidates to be kept in dedup/);
    });
  });

  it('counts newly kept records that share a duplicate cluster with a kept record', async () => {
    await withOutputs(fx.dir, async (o) => {
      // the fixture has a yes_no record in a cluster whose other member is kept
      const member = fx.rows.find((x) => x.reason === 'yes_no' && x.dup_cluster)!;
      const fired = member.signals.filter((s) => s.fired).map((s) => s.filter);
      const r = await whatIf(o, parseWhatIf([`disable=${fired.join(',')}`], o));
      const row = r.rows.find((x) => x.source === member.source)!;
      expect(row.newly_kept_in_dup_cluster).toBe(1);
    });
  });

  it('enable= re-applies a filter the run disabled; config files are diffed against the run config', async () => {
    await withOutputs(fxDisabled.dir, async (o) => {
      const r = await whatIf(o, parseWhatIf(['enable=true_false'], o));
      expect(r.total.newly_rejected).toBe(count(fxDisabled.rows, (x) => x.kept && x.signals.some((s) => s.filter === 'true_false' && s.fired)));
      expect(r.total.newly_rejected).toBeGreaterThan(0);
      const file = join(fxDisabled.dir, 'whatif.json');
      writeFileSync(file, JSON.stringify({ filters: { disable: ['yes_no'] }, rows_per_shard: 5, dedup: { num_perm: 64 } }));
      const sc = parseWhatIf([file], o);
      expect(sc.disable).toEqual(['yes_no']);
      expect(sc.enable).toEqual(['true_false']);
      expect(sc.noEffect).toEqual(['rows_per_shard']);
      expect(sc.needsRerun.join()).toMatch(/dedup.num_perm/);
    });
  });

  it('near_dup_threshold: a raise frees near duplicates below it, a lowering needs a rerun', async () => {
    const up = await runCli(['audit', fx.dir, '--what-if', 'near_dup_threshold=0.9']);
    expect(up.code).toBe(0);
    const total = up.stdout.split('\n').find((l) => l.startsWith('total'))!;
    expect(total).toMatch(/\+1\b/); // the Jaccard 0.86 member; the 0.93 one stays
    expect(up.stdout).toMatch(/upper bound/);
    const down = await runCli(['audit', fx.dir, '--what-if', 'near_dup_threshold=0.5']);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/Needs a rerun[\s\S]*lower than the run's 0.8/);
    expect((await runCli(['audit', fx.dir, '-w', 'near_dup_threshold=2'])).code).toBe(2);
    expect((await runCli(['audit', fx.dir, '-w', 'colour=blue'])).code).toBe(2);
    expect((await runCli(['audit', fx.dir, '-w', 'enable=yes_no'])).stderr).toMatch(/not disabled in this run/);
  });

  it('json output of a what-if', async () => {
    const r = JSON.parse((await runCli(['audit', fx.dir, '-w', 'disable=dedup', '-f', 'json'])).stdout);
    expect(r.disabled).toEqual(['dedup']);
    expect(r.total.newly_kept).toBe(count(fx.rows, (x) => !x.kept && x.signals.filter((s) => s.fired).every((s) => s.filter === 'dedup')));
    expect(r.caveats).toEqual([]);
  });
});

describe('bigmath explain', () => {
  it('shows every signal, the parsed answer and the duplicate cluster of a record', async () => {
    const near = fx.rows.find((x) => x.signals.some((s) => s.filter === 'dedup' && s.reason === 'near_duplicate' && s.fired))!;
    const r = await runCli(['explain', fx.dir, near.id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`record ${near.id}: REJECTED: near_duplicate (stage dedup)`);
    for (const f of ['source_excluded', 'multi_part', 'answer_not_closed_form', 'decontamination', 'dedup']) expect(r.stdout).toMatch(new RegExp(`^  ${f}\\s`, 'm'));
    expect(r.stdout).toMatch(/checker: {3}kind number, canonical /);
    expect(r.stdout).toContain(`removed for: ${near.duplicate_of}`);
    expect(r.stdout).toMatch(/members:\n/);
    const kept = await runCli(['explain', fx.dir, near.duplicate_of!.slice(0, 8)]);
    expect(kept.stdout).toMatch(/KEPT \(in corpus\/\)/);
    expect(kept.stdout).toMatch(/kept over \d+ records?:/);
    expect(kept.stdout).toContain(near.id);
  });

  it('looks a record up by text, source_id, or SOURCE:SOURCE_ID; json format', async () => {
    const yn = fx.rows.find((x) => x.reason === 'yes_no' && !x.dup_cluster)!;
    const byText = await runCli(['explain', fx.dir, '--text', `  ${yn.problem.toUpperCase()} `]);
    expect(byText.code).toBe(0);
    expect(byText.stdout).toContain(`record ${yn.id}`);
    const j = JSON.parse((await runCli(['explain', fx.dir, `${yn.source}:${yn.source_id}`, '-f', 'json'])).stdout);
    expect(j.record.id).toBe(yn.id);
    expect(j.record.signals.find((s: { filter: string }) => s.filter === 'yes_no').fired).toBe(true);
    expect(j.cluster).toEqual([]);
  });

  it('not found and ambiguous lookups exit 1; bad usage exits 2', async () => {
    const none = await runCli(['explain', fx.dir, 'ffffffffffffffff']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no record with id/);
    const amb = await runCli(['explain', fx.dir, '--text', 'compute']);
    expect(amb.code).toBe(1);
    expect(amb.stderr).toMatch(/records match; pass one id/);
    expect((await runCli(['explain', fx.dir])).code).toBe(2);
  });

  it('marks signals of filters disabled in the run', async () => {
    const rec = fxDisabled.rows.find((x) => x.kept && x.signals.some((s) => s.filter === 'true_false' && s.fired))!;
    const r = await runCli(['explain', fxDisabled.dir, rec.id]);
    expect(r.stdout).toMatch(/true_false\s+yes \(disabled\)/);
  });
});
