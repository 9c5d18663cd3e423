/**
 * A small OpenAI-compatible inference server for tests and benchmarks: `POST /v1/chat/completions`
 * and `POST /v1/completions`, streamed (server-sent events) or not, answering from a
 * deterministic script of (prompt, seed, choice index), with faults on demand.
 *
 * Run standalone (for the benchmark, in its own process): `node tests/pipeline/model/openai-test-server.ts [port]`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenWithBody, sendJson } from '../http-test-server.ts';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'hang' }
  | { kind: 'drop' }
  | { kind: 'malformed' }
  /** Answer with a single choice whatever `n` asked (as Ollama does). */
  | { kind: 'ignore-n' };

export interface ServedRequest {
  prompt: string;
  seed: number;
  n: number;
  stream: boolean;
}

export interface TestServerOptions {
  /** The response text of choice `index` of a request for `prompt` with `seed`. */
  script?: (prompt: string, seed: number, index: number) => string;
  /** A fault for the `requestNo`-th request (1-based), or null for a normal answer. */
  fault?: (requestNo: number, req: ServedRequest) => Fault | null;
  /** Keep `received` and `answered` (off for long benchmark runs). Default true. */
  record?: boolean;
}

export interface TestServer {
  url: string;
  /** Requests received, and those answered in full, in arrival order. */
  received: ServedRequest[];
  answered: ServedRequest[];
  close(): Promise<void>;
}

/** Default script: a boxed number derived from the prompt, seed and index. */
export function defaultScript(prompt: string, seed: number, index: number): string {
  let h = 2166136261;
  for (let i = 0; i < prompt.length; i++) h = Math.imul(h ^ prompt.charCodeAt(i), 16777619);
  const v = ((h >>> 0) + seed + index) % 7;
  return `Let us work it out step by step.\nAfter simplifying, the result is $${v}$.\n\nThe final answer is $\\boxed{${v}}$.`;
}

function promptOf(body: { messages?: { role: string; content: string }[]; prompt?: string }): string {
  if (Array.isArray(body.messages)) return [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  return typeof body.prompt === 'string' ? body.prompt : '';
}

const tokens = (s: string) => Math.ceil(s.length / 4);

export async function startTestServer(opts: TestServerOptions = {}, port = 0): Promise<TestServer> {
  const script = opts.script ?? defaultScript;
  const received: ServedRequest[] = [];
  const answered: ServedRequest[] = [];
  let count = 0;

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const chat = req.url === '/v1/chat/completions';
    if (req.method !== 'POST' || (!chat && req.url !== '/v1/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    let body: { model?: string; n?: number; seed?: number; stream?: boolean; messages?: { role: string; content: string }[]; prompt?: string };
    try {
      body = JSON.parse(raw);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"bad json"}}');
      return;
    }
    const served: ServedRequest = { prompt: promptOf(body), seed: body.seed ?? 0, n: body.n ?? 1, stream: body.stream === true };
    if (opts.record !== false) received.push(served);
    const fault = opts.fault?.(++count, served) ?? null;
    if (fault?.kind === 'hang') return; // never answers; the client's deadline must end it
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}) });
      res.end(`{"error":{"message":"injected ${fault.status}"}}`);
      return;
    }
    const n = fault?.kind === 'ignore-n' ? 1 : served.n;
    let texts: string[];
    try {
      texts = Array.from({ length: n }, (_, i) => script(served.prompt, served.seed, i));
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `script failed: ${(e as Error).message}` } }));
      return;
    }
    const usage = { prompt_tokens: tokens(served.prompt), completion_tokens: texts.reduce((a, t) => a + tokens(t), 0) };
    const send = () => {
      if (fault?.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [ {"message": ');
        return;
      }
      if (served.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        texts.forEach((t, i) => {
          const half = Math.floor(t.length / 2);
          for (const part of [t.slice(0, half), t.slice(half)]) {
            const choice = chat ? { index: i, delta: { content: part }, finish_reason: null } : { index: i, text: part, finish_reason: null };
            res.write(`data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [choice] })}\n\n`);
          }
          if (fault?.kind === 'drop' && i === 0) {
            res.socket?.destroy();
            return;
          }
          res.write(`data: ${JSON.stringify({ choices: [chat ? { index: i, delta: {}, finish_reason: 'stop' } : { index: i, text: '', finish_reason: 'stop' }] })}\n\n`);
        });
        if (res.destroyed) return;
        res.write(`data: ${JSON.stringify({ choices: [], usage })}\n\n`);
        res.end('data: [DONE]\n\n');
        if (opts.record !== false) answered.push(served);
        return;
      }
      const choices = texts.map((t, i) => (chat ? { index: i, message: { role: 'assistant', content: t }, finish_reason: 'stop' } : { index: i, text: t, finish_reason: 'stop' }));
      const json = JSON.stringify({ id: `cmpl-${count}`, object: chat ? 'chat.completion' : 'text_completion', model: body.model, choices, usage });
      sendJson(res, json, fault?.kind === 'drop');
      if (fault?.kind !== 'drop' && opts.record !== false) answered.push(served);
    };
    if (fault?.kind === 'slow') setTimeout(send, fault.ms);
    else send();
  };

  const http = await listenWithBody(handle, port);
  return { url: `${http.base}/v1`, received, answered, close: http.close };
}

if (import.meta.main) {
  // `[port] [--ignore-n]`: the benchmark's server, one choice per request with --ignore-n.
  const ignoreN = process.argv.includes('--ignore-n');
  const port = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 0);
  const s = await startTestServer({ record: false, ...(ignoreN ? { fault: () => ({ kind: 'ignore-n' as const }) } : {}) }, port);
  process.stdout.write(`${s.url}\n`);
}

/** Test servers started by a test file and closed after each test: `const { server } = serverPool(afterEach)`. */
export function serverPool(afterEach: (fn: () => Promise<void>) => void): { server: (opts?: TestServerOptions) => Promise<TestServer> } {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return {
    async server(opts: TestServerOptions = {}): Promise<TestServer> {
      const s = await startTestServer(opts);
      servers.push(s);
      return s;
    },
  };
}
