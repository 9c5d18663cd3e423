import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { combine, parseJudgeReply } from '../../../pipeline/model/judge-reply.ts';
import { judge, type JudgeOptions } from '../../../pipeline/model/judge.ts';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { judgeRun } from '../../../pipeline/model/judge-run.ts';
import { ROOT, tempDir } from '../../helpers.ts';
import { bigmath } from '../../run-helpers.ts';
import { serverPool } from './openai-test-server.ts';

const { server } = serverPool(afterEach);

/** The test server playing a judge: verdicts from plain cues in the problem; "zebra" problems get prose. */
function judgeScript(prompt: string): string {
  const problem = prompt.slice(prompt.indexOf('Problem:\n') + 9, prompt.indexOf('\n\nGiven answer:'));
  if (problem.includes('zebra')) return 'I believe this problem is fine.';
  const v = (verdict: boolean, why: string) => ({ verdict, why });
  return '```json\n' + JSON.stringify({
    figure_required: v(/\[asy\]|figure|diagram/i.test(problem), 'mentions a figure'),
    multiple_choice: v(/\(A\)|A\.\s|\bA:/.test(problem), 'lists options'),
    proof: v(/\b(prove|show that)\b/i.test(problem), 'asks for a proof'),
    multi_part: v(/\(1\)[\s\S]*\(2\)/.test(problem), 'two questions'),
    answer_not_closed_form: 'no',
  }) + '\n```';
}

const items = [
  { id: 'a', problem: 'Prove that there are infinitely many primes.', answer: 'proof' },
  { id: 'b', problem: 'Compute $2+3$. (A) 4 (B) 5', answer: 'B' },
  { id: 'c', problem: 'Find $x$ if $2x = 6$.', answer: '3' },
  { id: 'd', problem: 'A zebra has 4 legs. How many legs have 3 zebras?', answer: '12' },
];

const opts = (url: string, cacheDir: string): JudgeOptions => ({
  endpoints: [url], model: 'judge-model', api: 'chat', cacheDir, concurrency: 4, timeoutMs: 5_000, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
});

describe('llm judge', () => {
  it('reads fenced, prefixed and loosely typed JSON, and keeps an unreadable reply as such', () => {
    const r = parseJudgeReply('<think>hmm {not this}</think>Sure:\n```json\n{"proof": {"verdict": "yes", "why": "asks to prove"}, "multi_part": false}\n```');
    expect(r.ok && r.verdicts.proof).toEqual({ verdict: true, why: 'asks to prove' });
    expect(r.ok && r.verdicts.multi_part.verdict).toBe(false);
    expect(r.ok && r.verdicts.figure_required.verdict).toBeNull();
    expect(parseJudgeReply('no idea')).toMatchObject({ ok: false, error: 'no JSON object in the reply', reply: 'no idea' });
    expect(parseJudgeReply('{"proof": maybe}')).toMatchObject({ ok: false });
    expect(parseJudgeReply('{"colour": "blue"}')).toMatchObject({ ok: false, error: 'the JSON object answers none of the questions' });
  });

  it('combines with the rules per policy; an absent verdict leaves the rules to decide', () => {
    const table = (['rules', 'judge', 'both', 'either'] as const).map((p) => [[true, true], [true, false], [false, true], [false, false]].map(([r, j]) => combine(p, r, j)));
    expect(table).toEqual([[true, true, false, false], [true, false, true, false], [true, false, false, false], [true, true, true, false]]);
    for (const p of ['rules', 'judge', 'both', 'either'] as const) expect([combine(p, true, null), combine(p, false, null)]).toEqual([true, false]);
  });

  it('judges each problem once, caches the replies, and a re-run sends nothing and gives the same signals', async () => {
    const s = await server({ script: (p) => judgeScript(p) });
    const cache = tempDir('bigmath-judge-');
    const first = await judge(items, opts(s.url, cache));
    expect(first.sent).toBe(4);
    expect(first.unparseable).toBe(1);
    const a = first.signals.get('a')!;
    expect(a.ok && a.verdicts.proof).toEqual({ verdict: true, why: 'asks for a proof' });
    const b = first.signals.get('b')!;
    expect(b.ok && [b.verdicts.multiple_choice.verdict, b.verdicts.answer_not_closed_form.verdict]).toEqual([true, false]);
    expect(first.signals.get('d')).toMatchObject({ ok: false, reply: 'I believe this problem is fine.' });
    expect(s.received.every((r) => r.n === 1)).toBe(true);
    const again = await judge(items, opts(s.url, cache));
    expect([again.sent, again.cached]).toEqual([0, 4]);
    expect(s.received).toHaveLength(4);
    expect([...again.signals]).toEqual([...first.signals]);
  });

  it('records a request that keeps failing, and a re-run asks for exactly that one', async () => {
    const s = await server({ script: (p) => judgeScript(p), fault: (_no, req) => (req.prompt.includes('2x = 6') ? { kind: 'status', status: 500 } : null) });
    const cache = tempDir('bigmath-judge-');
    const first = await judge(items, opts(s.url, cache));
    expect(first.failed).toEqual(['c']);
    expect(first.signals.has('c')).toBe(false);
    const s2 = await server({ script: (p) => judgeScript(p) });
    const again = await judge(items, opts(s2.url, cache));
    expect(again.sent).toBe(1);
    expect(s2.received.map((r) => r.prompt.includes('2x = 6'))).toEqual([true]);
    expect(again.signals.size).toBe(4);
  });

  it('eval-filters scores each policy on the tune split; "rules" equals the rules alone', async () => {
    const s = await server({ script: (p) => judgeScript(p), record: false });
    const cache = tempDir('bigmath-judge-');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), 'eval-filters', '--split', 'tune', '--json', ...args], { cwd: ROOT });
        let stdout = '', stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d));
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.once('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const r = await run(['--judge-endpoint', s.url, '--judge-model', 'judge-model', '--judge-cache', cache]);
    expect(r.code, r.stderr).toBe(0);
    const [base, judged] = r.stdout.split(/\n(?=\{)/).map((x) => JSON.parse(x));
    const policies = judged.judge.policies as { policy: string; tp: number; fp: number; fn: number }[];
    expect(policies.map((p) => p.policy)).toEqual(['rules', 'judge', 'both', 'either']);
    const [rules, , both, either] = policies;
    expect([rules.tp, rules.fp, rules.fn]).toEqual([base.any.tp, base.any.fp, base.any.fn]);
    // "both" rejects a subset of what the rules reject, "either" a superset.
    expect(both.tp + both.fp).toBeLessThanOrEqual(rules.tp + rules.fp);
    expect(either.tp + either.fp).toBeGreaterThanOrEqual(rules.tp + rules.fp);
    expect(judged.judge.signals + judged.judge.missing).toBe(base.total);
    // The second time every reply comes from the cache.
    const again = await run(['--judge-endpoint', s.url, '--judge-model', 'judge-model', '--judge-cache', cache]);
    expect(again.stderr).toMatch(/judge: \d+ replies from the cache, 0 requests sent, 0 failed/);
    expect(again.stdout).toBe(r.stdout);
  });
});

describe('bigmath judge', () => {
  it('judges the records it could change and applies the policy; "rules" changes nothing, "both" never rejects more', { timeout: 300_000 }, async () => {
    const dir = tempDir('bigmath-judge-run-');
    const built = bigmath(['run', '--out', dir]);
    expect(built.status, built.stderr).toBe(0);
    const s = await server({ script: (p) => judgeScript(p), record: false });
    const o = { endpoints: [s.url], model: 'judge-model', api: 'chat' as const, concurrency: 16, timeoutMs: 5_000 };
    const rules = await judgeRun(dir, 'rules', o);
    expect(rules.sent).toBe(rules.manifest.records);
    expect([rules.manifest.newly_kept, rules.manifest.newly_rejected, rules.manifest.failed]).toEqual([0, 0, 0]);
    const both = await judgeRun(dir, 'both', o);
    expect(both.sent).toBe(0); // every reply from the cache
    expect(both.manifest.newly_rejected).toBe(0);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'judge', 'part-00000.parquet')), compressors });
    expect(rows).toHaveLength(both.manifest.records);
    expect(rows.filter((r) => r.kept && !r.rule_kept)).toHaveLength(both.manifest.newly_kept);
    expect(both.manifest.newly_kept).toBeGreaterThan(0);
    for (const r of rows.filter((r) => r.kept && !r.rule_kept)) {
      // revived: the judge said no to every judgement check the rules failed it on
      const sig = JSON.parse(String(r.llm_judge));
      for (const c of r.rule_reasons as string[]) expect(sig.verdicts[c].verdict).toBe(false);
    }
    expect(rows.filter((r) => JSON.parse(String(r.llm_judge)).ok === false)).toHaveLength(both.manifest.unparseable);
  });
});
