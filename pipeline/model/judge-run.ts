import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withOutputs } from '../audit/outputs.ts';
import { TOOL_VERSION } from '../version.ts';
import { ParquetShardWriter } from '../write/parquet-shards.ts';
import { judge, type JudgeOptions } from './judge.ts';
import { combine, JUDGE_CODES, type JudgePolicy } from './judge-reply.ts';

/** Parquet schema of `DIR/judge/part-*.parquet`: one row per record the judge can change. */
export const JUDGE_COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  ['id', 'VARCHAR', 'record id'],
  ['source', 'VARCHAR', 'adapter name'],
  ['subset', 'VARCHAR', 'upstream sub-source'],
  ['rule_kept', 'BOOLEAN', 'the run kept the record (rules alone)'],
  ['rule_reasons', 'VARCHAR[]', 'every failing check of the run'],
  ['llm_judge', 'VARCHAR', 'JSON: {ok, verdicts: {code: {verdict, why}}} or {ok: false, error, reply}; null when the request kept failing'],
  ['policy', 'VARCHAR', 'judge policy the verdict below follows'],
  ['kept', 'BOOLEAN', 'kept under the policy'],
  ['reasons', 'VARCHAR[]', 'failing checks under the policy'],
];

const CODES: readonly string[] = JUDGE_CODES;

/**
 * `bigmath judge DIR`: the `llm_judge` signal of every record whose verdict the judge could
 * change (kept records, and rejected ones failing only judgement checks), and its verdict under
 * `policy`, into DIR/judge/. Records rejected for any other check are not sent.
 */
export async function judgeRun(dir: string, policy: JudgePolicy, o: Omit<JudgeOptions, 'cacheDir'>) {
  const rows = await withOutputs(dir, (out) =>
    out.query<{ id: string; source: string; subset: string | null; problem: string; answer: string | null; kept: boolean; reasons: string[] | null }>(
      `SELECT id, source, subset, problem, answer, kept, reasons FROM records ` +
        `WHERE kept OR (len(reasons) > 0 AND len(list_filter(reasons, r -> NOT list_contains(${`[${CODES.map((c) => `'${c}'`).join(', ')}]`}, r))) = 0) ORDER BY id`,
    ),
  );
  const j = await judge(rows.map((r) => ({ id: r.id, problem: r.problem, answer: r.answer ?? '' })), { ...o, cacheDir: join(dir, 'judge', 'cache') });
  const writer = new ParquetShardWriter(join(dir, 'judge'), JUDGE_COLUMNS, 1_000_000);
  const counts = { records: rows.length, judged: j.signals.size, unparseable: j.unparseable, failed: j.failed.length, newly_rejected: 0, newly_kept: 0 };
  for (const r of rows) {
    const ruleReasons = r.reasons ?? [];
    const sig = j.signals.get(r.id);
    const reasons = ruleReasons.filter((x) => !CODES.includes(x));
    for (const c of JUDGE_CODES) if (combine(policy, ruleReasons.includes(c), sig?.ok ? sig.verdicts[c].verdict : null)) reasons.push(c);
    const kept = reasons.length === 0;
    if (r.kept && !kept) counts.newly_rejected++;
    if (!r.kept && kept) counts.newly_kept++;
    await writer.write({ id: r.id, source: r.source, subset: r.subset, rule_kept: r.kept, rule_reasons: ruleReasons, llm_judge: sig ? JSON.stringify(sig) : null, policy, kept, reasons });
  }
  const shards = await writer.close();
  const manifest = { tool_version: TOOL_VERSION, model: o.model, prompt_version: j.promptVersion, policy, ...counts, shards };
  await writeFile(join(dir, 'judge', 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, sent: j.sent, cached: j.cached };
}
