import { Pool } from 'undici';

/**
 * A client for the OpenAI HTTP API as inference servers speak it (vLLM, SGLang, llama.cpp's
 * server, Ollama, TGI, hosted APIs): `POST {base}/chat/completions` or `{base}/completions`,
 * streamed (server-sent events) or not. One undici pool per endpoint keeps connections alive, so
 * a thousand requests in flight cost no handshakes.
 */

export type Api = 'chat' | 'completions';

export interface SamplingParams {
  temperature: number;
  topP: number;
  maxTokens: number;
}

export interface CompletionRequest {
  model: string;
  api: Api;
  /** Chat messages (api `chat`) or a single prompt string (api `completions`). */
  messages: { role: 'system' | 'user'; content: string }[];
  params: SamplingParams;
  /** Samples asked for in this request (the OpenAI `n`). */
  n: number;
  /** Sent as the OpenAI `seed`: servers that honour it make a sample index reproducible. */
  seed: number;
  stream: boolean;
}

export interface Sample {
  text: string;
  finishReason: string | null;
}

export interface CompletionResult {
  /** In choice order; may hold fewer than `n` (a server that ignores `n`, such as Ollama). */
  samples: Sample[];
  promptTokens: number;
  completionTokens: number;
}

/** Why a request failed, and whether trying again (maybe elsewhere) can help. */
export class RequestFailure extends Error {
  readonly retryable: boolean;
  readonly status: number | null;
  readonly retryAfterMs: number | undefined;
  /** The endpoint itself is unreachable (refused, reset before any answer): try another. */
  readonly endpointDown: boolean;
  constructor(message: string, o: { retryable: boolean; status?: number | null; retryAfterMs?: number; endpointDown?: boolean }) {
    super(message);
    this.retryable = o.retryable;
    this.status = o.status ?? null;
    this.retryAfterMs = o.retryAfterMs;
    this.endpointDown = o.endpointDown ?? false;
  }
}

export interface EndpointOptions {
  /** Connections kept open to this server. */
  connections: number;
  /** Overall deadline of one request, headers and body (ms). */
  timeoutMs: number;
  apiKey?: string;
}

const NETWORK_DOWN = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

export class Endpoint {
  readonly base: string;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly opts: EndpointOptions;

  constructor(base: string, opts: EndpointOptions) {
    const url = new URL(base.endsWith('/') ? base : base + '/');
    this.base = base;
    this.basePath = url.pathname;
    this.opts = opts;
    this.pool = new Pool(url.origin, { connections: opts.connections, keepAliveTimeout: 30_000 });
  }

  async complete(req: CompletionRequest): Promise<CompletionResult> {
    const text = await this.post(req.api === 'chat' ? 'chat/completions' : 'completions', requestBody(req), req.stream ? 'text/event-stream' : 'application/json');
    return req.stream ? parseStream(this.base, req.api, text) : parseBody(this.base, req.api, text);
  }

  /**
   * POSTs a JSON body to `{base}/{route}` and returns the body of a 200 answer; any other answer
   * or a network failure becomes a RequestFailure (shared by completions and embeddings).
   */
  async post(route: string, body: unknown, accept = 'application/json'): Promise<string> {
    const path = this.basePath + route;
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    let res;
    try {
      res = await this.pool.request({
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          accept,
          ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal,
        headersTimeout: this.opts.timeoutMs,
        bodyTimeout: this.opts.timeoutMs,
      });
    } catch (e) {
      throw networkFailure(this.base, e);
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch (e) {
      throw new RequestFailure(`${this.base}: response broken off (${describe(e)})`, { retryable: true });
    }
    if (res.statusCode !== 200) {
      const retryable = res.statusCode === 429 || res.statusCode === 408 || res.statusCode >= 500;
      throw new RequestFailure(`${this.base}: HTTP ${res.statusCode}${text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`, {
        retryable,
        status: res.statusCode,
        retryAfterMs: retryAfterMs(res.headers['retry-after']),
      });
    }
    return text;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function requestBody(req: CompletionRequest): Record<string, unknown> {
  const common = {
    model: req.model,
    n: req.n,
    temperature: req.params.temperature,
    top_p: req.params.topP,
    max_tokens: req.params.maxTokens,
    seed: req.seed,
    stream: req.stream,
    ...(req.stream ? { stream_options: { include_usage: true } } : {}),
  };
  if (req.api === 'chat') return { ...common, messages: req.messages };
  return { ...common, prompt: req.messages.map((m) => m.content).join('\n\n') };
}

function retryAfterMs(h: string | string[] | undefined): number | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

function describe(e: unknown): string {
  const err = e as { code?: string; name?: string; message?: string };
  return err.code ?? err.name ?? err.message ?? String(e);
}

function networkFailure(base: string, e: unknown): RequestFailure {
  const code = (e as { code?: string }).code ?? '';
  const name = (e as { name?: string }).name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || code.startsWith('UND_ERR_') && code.includes('TIMEOUT')) {
    return new RequestFailure(`${base}: no answer within the request deadline`, { retryable: true });
  }
  return new RequestFailure(`${base}: ${describe(e)}`, { retryable: true, endpointDown: NETWORK_DOWN.has(code) });
}

function malformed(base: string, why: string): RequestFailure {
  return new RequestFailure(`${base}: malformed response (${why})`, { retryable: true });
}

interface Choice {
  index?: number;
  message?: { content?: string | null };
  text?: string;
  finish_reason?: string | null;
}

function parseBody(base: string, api: Api, text: string): CompletionResult {
  let json: { choices?: Choice[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed(base, 'not JSON');
  }
  if (!json || !Array.isArray(json.choices)) throw malformed(base, 'no choices');
  const choices = [...json.choices].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const samples: Sample[] = [];
  for (const c of choices) {
    const content = api === 'chat' ? c.message?.content : c.text;
    if (typeof content !== 'string') throw malformed(base, 'a choice without text');
    samples.push({ text: content, finishReason: c.finish_reason ?? null });
  }
  return { samples, promptTokens: json.usage?.prompt_tokens ?? 0, completionTokens: json.usage?.completion_tokens ?? 0 };
}

/**
 * A streamed answer, read whole: `data: {...}` events with per-choice deltas, ended by
 * `data: [DONE]`. A stream that stops before `[DONE]` was broken off and is retried.
 */
function parseStream(base: string, api: Api, text: string): CompletionResult {
  const parts = new Map<number, { text: string; finish: string | null }>();
  let done = false;
  let promptTokens = 0;
  let completionTokens = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]') {
      done = true;
      break;
    }
    let ev: { choices?: (Choice & { delta?: { content?: string | null } })[]; usage?: { prompt_tokens?: number; completion_tokens?: number } | null };
    try {
      ev = JSON.parse(data);
    } catch {
      throw malformed(base, 'an event that is not JSON');
    }
    if (ev.usage) {
      promptTokens = ev.usage.prompt_tokens ?? promptTokens;
      completionTokens = ev.usage.completion_tokens ?? completionTokens;
    }
    for (const c of ev.choices ?? []) {
      const i = c.index ?? 0;
      const p = parts.get(i) ?? { text: '', finish: null };
      p.text += (api === 'chat' ? c.delta?.content : c.text) ?? '';
      if (c.finish_reason) p.finish = c.finish_reason;
      parts.set(i, p);
    }
  }
  if (!done) throw new RequestFailure(`${base}: stream ended before [DONE]`, { retryable: true });
  const samples = [...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => ({ text: p.text, finishReason: p.finish }));
  return { samples, promptTokens, completionTokens };
}
