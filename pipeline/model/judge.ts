import { Fleet, MODEL_RETRY, type ModelRetryPolicy } from './fleet.ts';
import type { Api, SamplingParams } from './openai-client.ts';
import { loadPrompt, promptMessages } from './prompt.ts';
import { ResponseCache } from './response-cache.ts';
import { promptKey } from './rollouts.ts';
import { parseJudgeReply, type JudgeSignal } from './judge-reply.ts';

export interface JudgeItem {
  id: string;
  problem: string;
  answer: string;
}

export interface JudgeOptions {
  endpoints: string[];
  model: string;
  api: Api;
  /** Folder of the response cache (same format as the rollouts cache). */
  cacheDir: string;
  prompt?: string;
  concurrency: number;
  timeoutMs: number;
  maxTokens?: number;
  apiKey?: string;
  retry?: ModelRetryPolicy;
  log?: (line: string) => void;
}

export interface JudgeResult {
  promptVersion: string;
  signals: Map<string, JudgeSignal>;
  cached: number;
  sent: number;
  /** Records whose request kept failing: no signal, and a re-run asks again. */
  failed: string[];
  unparseable: number;
}

/** Greedy and one sample: a judge's verdict should not depend on the draw. */
const JUDGE_SEED = 0;

/**
 * The `llm_judge` signal of each item: one request per problem, answered from the response cache
 * when it holds the reply (so a re-run, after completion or a kill, sends nothing twice and gives
 * the same signals), else from the fleet, each reply appended to the cache as it arrives.
 */
export async function judge(items: readonly JudgeItem[], o: JudgeOptions): Promise<JudgeResult> {
  const prompt = loadPrompt(o.prompt ?? 'judge-v1');
  const params: SamplingParams = { temperature: 0, topP: 1, maxTokens: o.maxTokens ?? 512 };
  const jobs = items.map((it) => {
    const messages = promptMessages({ ...prompt, user: prompt.user.replace('{answer}', () => it.answer) }, it.problem);
    return { it, messages, key: promptKey(o.model, o.api, messages, params) };
  });
  const replies = new Map<string, string>();
  const cache = new ResponseCache(o.cacheDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.jsonl`);
  for await (const line of cache.lines()) if (line.i === 0 && line.s.length) replies.set(line.k, line.s[0][0]);
  const cached = jobs.filter((j) => replies.has(j.key)).length;
  const todo = jobs.filter((j) => !replies.has(j.key));
  const fleet = new Fleet(o.endpoints, { connections: Math.max(1, Math.ceil(o.concurrency / o.endpoints.length)), timeoutMs: o.timeoutMs, apiKey: o.apiKey }, o.retry ?? MODEL_RETRY);
  const failed: string[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < todo.length) {
      const j = todo[next++];
      try {
        const res = await fleet.complete({ model: o.model, api: o.api, messages: j.messages, params, n: 1, seed: JUDGE_SEED, stream: false });
        const s = res.samples[0];
        if (!s) throw new Error('empty response');
        cache.append(j.key, j.it.id, 0, [s], [], prompt.version, res.promptTokens, res.completionTokens);
        replies.set(j.key, s.text);
      } catch (e) {
        failed.push(j.it.id);
        if (failed.length <= 20) o.log?.(`judge: request for ${j.it.id} failed: ${(e as Error).message}`);
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, todo.length)) }, worker));
  } finally {
    cache.close();
    await fleet.close();
  }
  const signals = new Map<string, JudgeSignal>();
  let unparseable = 0;
  for (const j of jobs) {
    const reply = replies.get(j.key);
    if (reply === undefined) continue;
    const sig = parseJudgeReply(reply);
    if (!sig.ok) unparseable++;
    signals.set(j.it.id, sig);
  }
  return { promptVersion: prompt.version, signals, cached, sent: todo.length, failed: failed.sort(), unparseable };
}
