import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openOutputs } from '../audit/outputs.ts';
import { TOOL_VERSION } from '../version.ts';
import { ParquetShardWriter, type ShardInfo } from '../write/parquet-shards.ts';
import { fleetFor, type ModelRetryPolicy } from './fleet.ts';
import { grade, type Graded } from './grade.ts';
import type { Api, CompletionRequest, SamplingParams } from './openai-client.ts';
import { loadPrompt, promptMessages, type PromptTemplate } from './prompt.ts';
import { ResponseCache, runFileName } from './response-cache.ts';
import { ROLLOUT_COLUMNS } from './rollout-columns.ts';
import { SampleTally } from './sample-tally.ts';

export interface RolloutOptions {
  /** Output folder of a finished `bigmath run`. */
  dir: string;
  endpoints: string[];
  model: string;
  api: Api;
  n: number;
  params: SamplingParams;
  prompt: string;
  systemPromptFile?: string;
  concurrency: number;
  sources?: string[];
  subsets?: string[];
  limit?: number;
  stream: boolean;
  timeoutMs: number;
  apiKey?: string;
  /** Majority share at or above which a wrong majority answer marks the gold as suspect. */
  suspectShare: number;
  retry?: ModelRetryPolicy;
  /** Progress lines (stderr); every `progressMs`. */
  log?: (line: string) => void;
  progressMs?: number;
}

export interface RolloutSummary {
  records: number;
  samples_wanted: number;
  samples_cached: number;
  samples_completed: number;
  samples_failed: number;
  requests_sent: number;
  requests_failed: number;
  prompt_tokens: number;
  completion_tokens: number;
  gold_suspect: number;
  wall_s: number;
  shards: ShardInfo[];
}

interface Problem {
  id: string;
  source: string;
  subset: string | null;
  problem: string;
  answer: string;
  key: string;
  messages: CompletionRequest['messages'];
  tally: SampleTally;
}

interface Job {
  p: Problem;
  start: number;
  count: number;
}

/** A request's identity: what the server sees, apart from `n` and the seed. */
export function promptKey(model: string, api: Api, messages: CompletionRequest['messages'], params: SamplingParams): string {
  return createHash('sha256').update(JSON.stringify([model, api, messages, params.temperature, params.topP, params.maxTokens])).digest('hex').slice(0, 32);
}

/** Seed of the request whose first sample is `start`: different per sample index, fixed per key. */
function seedOf(key: string, start: number): number {
  return createHash('sha256').update(`${key}:${start}`).digest().readUInt32BE(0) >>> 1;
}

function gradeStamp(gold: string): string {
  return createHash('sha256').update(`${TOOL_VERSION}\x1f${gold}`).digest('hex').slice(0, 12);
}

async function loadProblems(o: RolloutOptions, prompt: PromptTemplate): Promise<Problem[]> {
  const out = await openOutputs(o.dir);
  try {
    const where: string[] = [];
    if (o.sources?.length) where.push(`source IN (SELECT unnest(${listLiteral(o.sources)}))`);
    if (o.subsets?.length) where.push(`subset IN (SELECT unnest(${listLiteral(o.subsets)}))`);
    const sql =
      `SELECT id, source, subset, problem, answer FROM corpus` +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY id` +
      (o.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(o.limit))}` : '');
    const rows = await out.query<{ id: string; source: string; subset: string | null; problem: string; answer: string }>(sql);
    return rows.map((r) => {
      const messages = promptMessages(prompt, r.problem);
      return { ...r, key: promptKey(o.model, o.api, messages, o.params), messages, tally: new SampleTally(o.n) };
    });
  } finally {
    out.close();
  }
}

function listLiteral(xs: string[]): string {
  return `[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')}]`;
}

/**
 * `bigmath rollouts`: samples every selected corpus problem `n` times from OpenAI-compatible
 * servers, grades each response with the checker against the record's answer, and writes one row
 * per problem (solve rate, answers and their counts, tokens, a gold-suspect flag) to
 * `DIR/rollouts/`. Every response is cached as it arrives, so a re-run, after completion or a
 * kill, sends only what is missing and writes the same bytes.
 */
export async function runRollouts(o: RolloutOptions): Promise<RolloutSummary> {
  const t0 = performance.now();
  const prompt = loadPrompt(o.prompt, o.systemPromptFile);
  const problems = await loadProblems(o, prompt);
  const outDir = join(o.dir, 'rollouts');
  const cache = new ResponseCache(join(outDir, 'cache'), runFileName('jsonl'));
  const stamps = new Map<string, string>();
  const stampOf = (p: Problem) => {
    let s = stamps.get(p.id);
    if (!s) stamps.set(p.id, (s = gradeStamp(p.answer)));
    return s;
  };

  // 1. What the cache already holds.
  const byKey = new Map<string, Problem>();
  for (const p of problems) byKey.set(p.key, p);
  let cached = 0;
  for await (const line of cache.lines()) {
    const p = byKey.get(line.k);
    if (!p) continue;
    const fresh = line.gv === stampOf(p);
    let used = false;
    line.s.forEach(([text], j) => {
      const g: Graded = fresh && line.g[j] ? { extracted: line.g[j][0], correct: line.g[j][1] } : grade(p.answer, text);
      if (p.tally.add(line.i + j, g)) {
        used = true;
        cached++;
      }
    });
    if (used) {
      p.tally.promptTokens += line.pt;
      p.tally.completionTokens += line.ct;
    }
  }

  // 2. Requests for what is missing, `concurrency` in flight.
  const counters = { sent: 0, failed: 0, samples: 0, failedSamples: 0, tokens: 0 };
  const fleet = fleetFor('rollouts', o);
  let honoursN = true;
  const extra: Job[] = [];
  function* planned(): Generator<Job> {
    for (const p of problems) for (const [start, count] of p.tally.missing()) yield { p, start, count };
  }
  const plan = planned();
  const wanted = problems.length * o.n;
  const nextJob = (): Job | undefined => {
    const j = extra.pop() ?? plan.next().value;
    if (!j) return undefined;
    if (!honoursN && j.count > 1) {
      // One sample per request from here on; the rest go back on the stack.
      for (let k = j.count - 1; k >= 1; k--) extra.push({ p: j.p, start: j.start + k, count: 1 });
      return { ...j, count: 1 };
    }
    return j;
  };

  const progress = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    const done = cached + counters.samples;
    const rate = counters.samples / s;
    const eta = rate > 0 ? Math.round((wanted - done - counters.failedSamples) / rate) : NaN;
    o.log?.(
      `rollouts: ${done}/${wanted} samples, ${(counters.sent / s).toFixed(0)} requests/s, ${(counters.tokens / s).toFixed(0)} tokens/s, ` +
        `${counters.failed} failed requests, ETA ${Number.isNaN(eta) ? '?' : `${eta} s`}`,
    );
  }, o.progressMs ?? 10_000);
  progress.unref();

  async function worker(): Promise<void> {
    for (let job = nextJob(); job; job = nextJob()) {
      const { p, start, count } = job;
      counters.sent++;
      try {
        const res = await fleet.complete({ model: o.model, api: o.api, messages: p.messages, params: o.params, n: count, seed: seedOf(p.key, start), stream: o.stream });
        const got = res.samples.slice(0, count);
        if (got.length < count) {
          // The server ignores `n` (Ollama) or answered short: ask for the rest one by one.
          honoursN = false;
          for (let k = count - 1; k >= got.length; k--) extra.push({ p, start: start + k, count: 1 });
        }
        if (!got.length) continue;
        const grades = got.map((s) => grade(p.answer, s.text));
        cache.append(p.key, p.id, start, got, grades, stampOf(p), res.promptTokens, res.completionTokens);
        grades.forEach((g, j) => p.tally.add(start + j, g));
        p.tally.promptTokens += res.promptTokens;
        p.tally.completionTokens += res.completionTokens;
        counters.samples += got.length;
        counters.tokens += res.completionTokens;
      } catch (e) {
        counters.failed++;
        counters.failedSamples += count;
        p.tally.failed += count;
        if (counters.failed <= 20 || counters.failed % 1000 === 0) o.log?.(`rollouts: request for ${p.id} samples ${start}..${start + count - 1} failed: ${(e as Error).message}`);
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  } finally {
    clearInterval(progress);
    cache.close();
    await fleet.close();
  }

  // 3. One row per problem, in id order.
  await mkdir(outDir, { recursive: true });
  for (const f of await readdir(outDir)) if (/^part-\d+\.parquet$/.test(f)) await rm(join(outDir, f));
  const writer = new ParquetShardWriter(outDir, ROLLOUT_COLUMNS, 100_000);
  let suspects = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let completed = 0;
  for (const p of problems) {
    const t = p.tally;
    const ranked = t.ranked();
    const top = ranked[0];
    const share = top && t.completed ? top.count / t.completed : null;
    const suspect = !!top && !top.correct && share !== null && share >= o.suspectShare && t.completed >= 4;
    if (suspect) suspects++;
    promptTokens += t.promptTokens;
    completionTokens += t.completionTokens;
    completed += t.completed;
    await writer.write({
      id: p.id,
      source: p.source,
      subset: p.subset,
      model: o.model,
      temperature: o.params.temperature,
      top_p: o.params.topP,
      max_tokens: o.params.maxTokens,
      prompt_version: prompt.version,
      n: o.n,
      completed: t.completed,
      failed: o.n - t.completed,
      correct: t.correct,
      solve_rate: t.completed ? t.correct / t.completed : null,
      no_answer: t.noAnswer,
      answers: JSON.stringify(ranked),
      majority_answer: top?.answer ?? null,
      majority_share: share,
      gold_suspect: suspect,
      prompt_tokens: t.promptTokens,
      completion_tokens: t.completionTokens,
    });
  }
  const shards = await writer.close();
  const summary: RolloutSummary = {
    records: problems.length,
    samples_wanted: wanted,
    samples_cached: cached,
    samples_completed: completed,
    samples_failed: wanted - completed,
    requests_sent: counters.sent,
    requests_failed: counters.failed,
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    gold_suspect: suspects,
    wall_s: (performance.now() - t0) / 1000,
    shards,
  };
  // The manifest holds only what the cache decides (byte-identical on a re-run); this run's
  // traffic and timing go to stats.json.
  const manifest = {
    tool_version: TOOL_VERSION,
    model: o.model,
    api: o.api,
    prompt_version: prompt.version,
    n: o.n,
    sampling: { temperature: o.params.temperature, top_p: o.params.topP, max_tokens: o.params.maxTokens },
    selection: { sources: o.sources ?? null, subsets: o.subsets ?? null, limit: o.limit ?? null },
    records: problems.length,
    samples: { wanted, completed, failed: wanted - completed },
    tokens: { prompt: promptTokens, completion: completionTokens },
    gold_suspect: suspects,
    shards,
  };
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  await writeFile(
    join(outDir, 'stats.json'),
    JSON.stringify({ wall_s: summary.wall_s, requests_sent: counters.sent, requests_failed: counters.failed, retries: fleet.retries, samples_cached: cached, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 2) + '\n',
  );
  return summary;
}
