import { writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isEquivalent } from '../../checker/index.ts';
import { parseConfig } from '../../schemas/config.ts';
import type { ProblemRecord } from '../../schemas/record.ts';
import { recordId } from '../../sources/identity.ts';
import { withOutputs } from '../audit/outputs.ts';
import { processRecord } from '../process/process-record.ts';
import { verdictOf } from '../process/verdict.ts';
import { TOOL_VERSION } from '../version.ts';
import { CORPUS_COLUMNS } from '../write/columns.ts';
import { ParquetShardWriter } from '../write/parquet-shards.ts';
import { askCached, type CachedRequestOptions } from './cached-requests.ts';
import { grade } from './grade.ts';
import { replyObject } from './json-reply.ts';
import { correctOptionValue } from './mc-answer.ts';
import { loadPrompt, promptMessages } from './prompt.ts';

export const REFORMULATED_COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  ...CORPUS_COLUMNS,
  ['reformulated_from', 'VARCHAR', 'id of the rejected multiple-choice record this problem was rewritten from'],
];

export interface ReformulateOptions extends CachedRequestOptions {
  dir: string;
  /** Samples per rewrite for the solve check (0: no check). */
  n: number;
  limit?: number;
  maxTokens?: number;
}

/** Why a candidate was not kept (or `kept`). */
export type Outcome = 'kept' | 'no_closed_form_option' | 'request_failed' | 'unparseable' | 'options_remain' | 'answer_not_equivalent' | 'filtered' | 'never_solved' | 'always_solved';

/** A rejected row as read back: the record's own fields, metadata still as its JSON text. */
type Rejected = Pick<ProblemRecord, 'id' | 'source' | 'source_id' | 'subset' | 'problem' | 'answer' | 'level' | 'subject' | 'input_file' | 'input_row'> & { metadata: string | null };

/**
 * Multiple-choice reformulation: for records rejected only as `multiple_choice` whose correct
 * option is a closed-form value, asks the model for the problem without options and keeps a
 * rewrite only when no options remain, its stated answer is equivalent to the option's value, it
 * passes every filter of the run's config, and (with `n` > 0) it is solved by some but not all of
 * `n` samples. Kept rewrites go to DIR/reformulated/ with `subset: reformulated`; the originals
 * stay in the rejection log; every candidate's outcome goes to DIR/reformulated/manifest.json.
 */
export async function reformulate(o: ReformulateOptions) {
  const { rows, config } = await withOutputs(o.dir, async (out) => ({
    config: parseConfig(out.manifest.config),
    rows: await out.query<Rejected>(
      `SELECT id, source, source_id, subset, problem, answer, level, subject, metadata, input_file, input_row FROM rejected ` +
        `WHERE reason = 'multiple_choice' AND len(reasons) = 1 ORDER BY id` + (o.limit !== undefined ? ` LIMIT ${Math.floor(o.limit)}` : ''),
    ),
  }));
  const outcomes = new Map<string, { outcome: Outcome; detail: string }>();
  const candidates = rows.flatMap((r) => {
    const value = correctOptionValue(r.problem, r.answer);
    if (value === null) outcomes.set(r.id, { outcome: 'no_closed_form_option', detail: String(r.answer) });
    return value === null ? [] : [{ r, value }];
  });
  const cacheDir = join(o.dir, 'reformulated', 'cache');
  const prompt = loadPrompt('reformulate-v1');
  const rewrites = await askCached(
    candidates.map(({ r, value }) => ({
      id: r.id,
      messages: promptMessages({ ...prompt, user: prompt.user.replace('{answer}', () => value) }, r.problem),
      params: { temperature: 0, topP: 1, maxTokens: o.maxTokens ?? 1024 },
      n: 1,
    })),
    { ...o, cacheDir },
    prompt.version,
  );
  const disabled = new Set(config.filters.disable);
  const passed: { r: Rejected; value: string; record: ReturnType<typeof processRecord>['record'] }[] = [];
  candidates.forEach(({ r, value }, i) => {
    const s = rewrites.samples[i];
    const set = (outcome: Outcome, detail = '') => outcomes.set(r.id, { outcome, detail });
    if (!s) return set('request_failed');
    const reply = replyObject(s[0].text);
    const problem = reply.ok ? reply.obj.problem : undefined;
    const answer = reply.ok ? reply.obj.answer : undefined;
    if (!reply.ok || typeof problem !== 'string' || !problem.trim() || (typeof answer !== 'string' && typeof answer !== 'number')) {
      return set('unparseable', reply.ok ? 'no problem/answer fields' : reply.error);
    }
    const sourceId = `${r.source_id}#reformulated`;
    const rec: ProblemRecord = {
      id: recordId(r.source, sourceId), source: r.source, source_id: sourceId, subset: 'reformulated', problem: problem.trim(),
      solution: null, answer: String(answer).trim(), answer_origin: 'column', level: r.level, subject: r.subject,
      metadata: { ...(r.metadata ? (JSON.parse(r.metadata) as Record<string, unknown>) : {}), original_subset: r.subset },
      input_file: r.input_file, input_row: r.input_row, folded_rows: 0,
    };
    const processed = processRecord(rec, config).record;
    const mc = processed.signals.find((x) => x.filter === 'multiple_choice' && x.fired);
    if (mc) return set('options_remain', mc.evidence);
    if (!isEquivalent(value, rec.answer!)) return set('answer_not_equivalent', `${rec.answer} vs ${value}`);
    const v = verdictOf(processed.signals, disabled);
    if (!v.kept || processed.contamination) return set('filtered', v.reasons.join(', ') || 'benchmark_contamination');
    passed.push({ r, value, record: processed });
  });
  // The solve check: some of n samples right, not all (an unsolvable rewrite lost information;
  // one every sample solves is too easy to teach anything).
  if (o.n > 0 && passed.length) {
    const solve = loadPrompt('solve-v1');
    const got = await askCached(
      passed.map((p) => ({ id: p.record.id, messages: promptMessages(solve, p.record.problem), params: { temperature: 0.8, topP: 0.95, maxTokens: o.maxTokens ?? 2048 }, n: o.n })),
      { ...o, cacheDir },
      solve.version,
    );
    passed.forEach((p, i) => {
      const s = got.samples[i];
      if (!s) return outcomes.set(p.r.id, { outcome: 'request_failed', detail: 'solve check' });
      const correct = s.filter((x) => grade(p.value, x.text).correct).length;
      if (correct === 0) outcomes.set(p.r.id, { outcome: 'never_solved', detail: `0/${o.n}` });
      else if (correct === o.n) outcomes.set(p.r.id, { outcome: 'always_solved', detail: `${o.n}/${o.n}` });
      else outcomes.set(p.r.id, { outcome: 'kept', detail: `${correct}/${o.n}` });
    });
  } else for (const p of passed) outcomes.set(p.r.id, { outcome: 'kept', detail: '' });

  const outDir = join(o.dir, 'reformulated');
  for (const f of ['part-00000.parquet', 'manifest.json']) await rm(join(outDir, f), { force: true });
  await mkdir(outDir, { recursive: true });
  const writer = new ParquetShardWriter(outDir, REFORMULATED_COLUMNS, 1_000_000);
  for (const p of passed) {
    if (outcomes.get(p.r.id)?.outcome !== 'kept') continue;
    const rec = p.record;
    await writer.write({
      ...rec, metadata: JSON.stringify(rec.metadata), contamination: null, dup_cluster: null, dup_cluster_size: 1, duplicate_of: null, reformulated_from: p.r.id,
    });
  }
  const shards = await writer.close();
  const counts: Record<string, number> = {};
  for (const { outcome } of outcomes.values()) counts[outcome] = (counts[outcome] ?? 0) + 1;
  const manifest = {
    tool_version: TOOL_VERSION,
    model: o.model,
    prompt_version: prompt.version,
    solve_check_n: o.n,
    candidates: rows.length,
    counts: Object.fromEntries(Object.entries(counts).sort()),
    shards,
    outcomes: [...outcomes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, x]) => ({ id, ...x })),
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
