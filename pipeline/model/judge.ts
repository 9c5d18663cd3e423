import { askCached, type CachedRequestOptions } from './cached-requests.ts';
import { loadPrompt, promptMessages } from './prompt.ts';
import { parseJudgeReply, type JudgeSignal } from './judge-reply.ts';

export interface JudgeItem {
  id: string;
  problem: string;
  answer: string;
}

export interface JudgeOptions extends CachedRequestOptions {
  prompt?: string;
  maxTokens?: number;
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

/**
 * The `llm_judge` signal of each item: one greedy request per problem (a verdict should not
 * depend on the draw), answered from the response cache when it holds the reply, so a re-run,
 * after completion or a kill, sends nothing twice and gives the same signals.
 */
export async function judge(items: readonly JudgeItem[], o: JudgeOptions): Promise<JudgeResult> {
  const prompt = loadPrompt(o.prompt ?? 'judge-v1');
  const params = { temperature: 0, topP: 1, maxTokens: o.maxTokens ?? 512 };
  const asks = items.map((it) => ({ id: it.id, messages: promptMessages({ ...prompt, user: prompt.user.replace('{answer}', () => it.answer) }, it.problem), params, n: 1 }));
  const got = await askCached(asks, o, prompt.version);
  const signals = new Map<string, JudgeSignal>();
  const failed: string[] = [];
  let unparseable = 0;
  items.forEach((it, i) => {
    const s = got.samples[i];
    if (!s) return void failed.push(it.id);
    const sig = parseJudgeReply(s[0].text);
    if (!sig.ok) unparseable++;
    signals.set(it.id, sig);
  });
  return { promptVersion: prompt.version, signals, cached: got.cached, sent: got.sent, failed: failed.sort(), unparseable };
}
