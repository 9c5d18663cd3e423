import { fleetFor, type ModelRetryPolicy } from './fleet.ts';
import type { Api, CompletionRequest, Sample, SamplingParams } from './openai-client.ts';
import { ResponseCache, runFileName } from './response-cache.ts';
import { promptKey } from './rollouts.ts';

export interface CachedRequestOptions {
  endpoints: string[];
  model: string;
  api: Api;
  cacheDir: string;
  concurrency: number;
  timeoutMs: number;
  apiKey?: string;
  retry?: ModelRetryPolicy;
  log?: (line: string) => void;
}

export interface Ask {
  id: string;
  messages: CompletionRequest['messages'];
  params: SamplingParams;
  n: number;
}

export interface Answers {
  /** Samples per ask (by index in the input), or null when its request kept failing. */
  samples: (Sample[] | null)[];
  cached: number;
  sent: number;
}

/**
 * One request per ask (n samples, fixed seed), answered from the response cache of the rollouts
 * when it holds a full answer, else from the fleet with each reply appended to the cache at once:
 * a re-run, after completion or a kill, never sends a completed request twice.
 */
export async function askCached(asks: readonly Ask[], o: CachedRequestOptions, tag: string): Promise<Answers> {
  const keys = asks.map((a) => promptKey(o.model, o.api, a.messages, a.params));
  const have = new Map<string, Sample[]>();
  const cache = new ResponseCache(o.cacheDir, runFileName('jsonl'));
  for await (const line of cache.lines()) if (line.i === 0) have.set(line.k, line.s.map(([text, finishReason]) => ({ text, finishReason })));
  const samples: (Sample[] | null)[] = asks.map((a, i) => {
    const s = have.get(keys[i]);
    return s && s.length >= a.n ? s.slice(0, a.n) : null;
  });
  const todo = asks.map((_, i) => i).filter((i) => samples[i] === null);
  const cached = asks.length - todo.length;
  const fleet = fleetFor(tag, o);
  let next = 0;
  let failures = 0;
  async function worker(): Promise<void> {
    while (next < todo.length) {
      const i = todo[next++];
      const a = asks[i];
      try {
        const res = await fleet.complete({ model: o.model, api: o.api, messages: a.messages, params: a.params, n: a.n, seed: 0, stream: false });
        if (res.samples.length < a.n) throw new Error(`${res.samples.length} of ${a.n} samples returned`);
        const got = res.samples.slice(0, a.n);
        cache.append(keys[i], a.id, 0, got, [], tag, res.promptTokens, res.completionTokens);
        samples[i] = got;
      } catch (e) {
        if (++failures <= 20) o.log?.(`${tag}: request for ${a.id} failed: ${(e as Error).message}`);
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, todo.length)) }, worker));
  } finally {
    cache.close();
    await fleet.close();
  }
  return { samples, cached, sent: todo.length };
}
