/**
 * A deterministic OpenAI-compatible embedding server for tests and measurements:
 * `POST /v1/embeddings` with `{model, input: string | string[]}` answers
 * `{object: 'list', data: [{object: 'embedding', index, embedding}], model, usage}`.
 *
 * The vector of a text is a hashed bag of lower-cased words and character 4-grams in 256
 * dimensions, normalised: a paraphrase that keeps most words and spellings lands close (cosine
 * about 0.9 and above), a different problem far (0.2-0.5). Faults on demand (status codes with
 * Retry-After, slow answers, dropped connections, malformed bodies).
 *
 * Standalone (its own process): `node tests/pipeline/embed/embedding-test-server.ts [port]`
 * prints its base URL on stdout; `EMBED_SERVER_SLOW_MS` delays every answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenWithBody, sendJson } from '../http-test-server.ts';

export const TEST_DIMENSIONS = 256;

export type EmbedFault = { kind: 'status'; status: number; retryAfter?: number } | { kind: 'slow'; ms: number } | { kind: 'drop' } | { kind: 'malformed' };

export interface EmbedServerOptions {
  /** A fault for the `requestNo`-th request (1-based), or null for a normal answer. */
  fault?: (requestNo: number, inputs: string[]) => EmbedFault | null;
}

export interface EmbedServer {
  url: string;
  /** Inputs of every request answered in full, in answer order. */
  answered: string[][];
  requests: number;
  close(): Promise<void>;
}

function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The test model's vector of `text`. */
export function testEmbedding(text: string): number[] {
  const v = new Float64Array(TEST_DIMENSIONS);
  const add = (feature: string, w: number) => {
    const h = fnv(feature);
    v[h % TEST_DIMENSIONS] += h & 0x80000000 ? -w : w; // signed hashing keeps collisions unbiased
  };
  const lower = text.toLowerCase();
  for (const w of lower.match(/[\p{L}\p{N}]+/gu) ?? []) add('w:' + w, 1);
  const squashed = lower.replace(/\s+/g, ' ');
  for (let i = 0; i + 4 <= squashed.length; i++) add('c:' + squashed.slice(i, i + 4), 0.5);
  let norm = 0;
  for (const x of v) norm += x * x;
  const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Array.from(v, (x) => Math.round(x * s * 1e6) / 1e6);
}

export async function startEmbedServer(opts: EmbedServerOptions = {}, port = 0): Promise<EmbedServer> {
  const answered: string[][] = [];
  const state = { requests: 0 };
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    let body: { model?: string; input?: unknown };
    try {
      body = JSON.parse(raw);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"bad json"}}');
      return;
    }
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(inputs) || !inputs.every((x) => typeof x === 'string') || !body.model) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"model and input (string or list of strings) are required"}}');
      return;
    }
    const fault = opts.fault?.(++state.requests, inputs) ?? null;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}) });
      res.end(`{"error":{"message":"injected ${fault.status}"}}`);
      return;
    }
    // Items in reverse order: a client must place them by `index`.
    const data = inputs.map((t, index) => ({ object: 'embedding', index, embedding: testEmbedding(t) })).reverse();
    const json = JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: inputs.join(' ').length >> 2, total_tokens: inputs.join(' ').length >> 2 } });
    const send = () => {
      if (fault?.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [ {"index": 0, "embedding": ');
        return;
      }
      sendJson(res, json, fault?.kind === 'drop');
      if (fault?.kind !== 'drop') answered.push(inputs as string[]);
    };
    if (fault?.kind === 'slow') setTimeout(send, fault.ms);
    else send();
  };
  const http = await listenWithBody(handle, port);
  return {
    url: `${http.base}/v1`,
    answered,
    get requests() {
      return state.requests;
    },
    close: http.close,
  };
}

if (import.meta.main) {
  const slow = Number(process.env.EMBED_SERVER_SLOW_MS ?? 0);
  const s = await startEmbedServer(slow > 0 ? { fault: () => ({ kind: 'slow', ms: slow }) } : {}, Number(process.argv[2] ?? 0));
  process.stdout.write(s.url + '\n');
}
