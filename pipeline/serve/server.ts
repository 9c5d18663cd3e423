import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { Piscina } from 'piscina';
import { ServeMetrics, type ErrorKind } from './metrics.ts';
import type { ServeResult, ServeTask } from './worker.ts';

/**
 * `bigmath serve`: the answer checker over HTTP, so a Python trainer can reward rollouts without the
 * checker in its process. The main thread only moves bytes: a request body is read into one buffer,
 * transferred to a worker thread that decodes, validates, checks and serialises it, and the worker's
 * text is written back. node:http, not a framework: with the body taken as raw bytes, a 256-pair
 * request cost the server 0.50-0.87 ms of CPU with node:http and 0.53-1.11 ms with Fastify 5, less
 * with node:http in each of 4 paired runs (scripts/bench-http-layer.ts), next to ~10 ms of checking.
 */

export interface ServeOptions {
  host: string;
  port: number;
  /** Bearer token every request must carry; null: no authentication. */
  token: string | null;
  /** Worker threads (default: every core). */
  workers: number;
  /** Batches allowed to wait for a worker beyond those running; past it requests get 429. */
  maxQueue: number;
  /** Largest request body in bytes (413 past it). */
  maxBodyBytes: number;
  /** Most pairs in one batch (413 past it). */
  maxPairs: number;
  /** Heap bytes per worker past which it empties the checker's parse memo. */
  cacheBytes: number;
}

export const SERVE_DEFAULTS = {
  host: '127.0.0.1', port: 8347, maxQueue: 64, maxBodyBytes: 16 * 1024 * 1024, maxPairs: 16384, cacheBytes: 32 * 1024 * 1024,
} as const;

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8347 (the bound port when 0 was asked). */
  url: string;
  metrics: ServeMetrics;
  /** Stops accepting, finishes every batch already received, then stops the workers. */
  close(): Promise<void>;
}

// Rewritten to worker.js in the compiled package (scripts/pack-packages.ts).
const WORKER = new URL('./worker.ts', import.meta.url).href;

type Route = 'reward' | 'check';
const POST_ROUTES: Record<string, Route> = { '/v1/reward': 'reward', '/v1/check': 'check' };

class BodyTooLarge extends Error {}

/** The whole body in one non-pooled buffer (transferable to a worker), or BodyTooLarge past the limit. */
async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function sameToken(header: string | undefined, token: string): boolean {
  const want = Buffer.from(`Bearer ${token}`);
  const got = Buffer.from(header ?? '');
  return got.length === want.length && timingSafeEqual(got, want);
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const pool = new Piscina<ServeTask, ServeResult>({
    filename: WORKER, minThreads: o.workers, maxThreads: o.workers, idleTimeout: Infinity,
    // Workers wait for tasks on their event loop (not Atomics.wait), so the GC observer of
    // live-heap.ts is called between batches; a batch is milliseconds, the hand-over microseconds.
    atomics: 'disabled',
    // A heap ceiling per worker: V8 then collects before growing far past the live data (the memo
    // is emptied past `cacheBytes` of live heap), so the server's memory levels off instead of
    // growing with every new answer it has seen. Live data stays far below it: the memo budget
    // plus one bounded batch.
    resourceLimits: { maxOldGenerationSizeMb: Math.ceil((4 * o.cacheBytes) / 2 ** 20) + 128 },
  });
  let pending = 0; // batches handed to the pool and not finished
  let stopping = false;
  const active = new Set<Promise<void>>();
  const metrics = new ServeMetrics(() => ({ queued: Math.max(0, pending - o.workers), running: Math.min(pending, o.workers), workers: o.workers }));

  function send(res: ServerResponse, status: number, body: string, type = 'application/json', extra: Record<string, string> = {}): void {
    if (res.destroyed) return;
    const headers: Record<string, string | number> = { 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra };
    if (stopping) headers.connection = 'close';
    res.writeHead(status, headers).end(body);
  }
  function fail(res: ServerResponse, status: number, kind: ErrorKind, message: string, extra: Record<string, string> = {}): void {
    metrics.error(kind);
    send(res, status, JSON.stringify({ error: message }), 'application/json', extra);
  }

  async function handlePost(req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > o.maxBodyBytes) {
      res.shouldKeepAlive = false; // the unread body makes the connection unusable
      return fail(res, 413, 'too_large', `body of ${declared} bytes exceeds the limit of ${o.maxBodyBytes}`);
    }
    const full = () => pending >= o.workers + o.maxQueue;
    const overloaded = () => fail(res, 429, 'overloaded', `queue full (${o.maxQueue} batches waiting); retry later`, { 'retry-after': '1' });
    if (full()) {
      req.resume(); // drain without buffering, so the connection stays usable
      await once(req, 'end').catch(() => undefined);
      return overloaded();
    }
    let body: Uint8Array;
    try {
      body = await readBody(req, o.maxBodyBytes);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) return; // the client went away mid-body
      res.shouldKeepAlive = false;
      return fail(res, 413, 'too_large', `body exceeds the limit of ${o.maxBodyBytes} bytes`);
    }
    if (full()) return overloaded(); // others were admitted while this body was read
    pending++;
    try {
      const r = await pool.run({ route, body, maxPairs: o.maxPairs, cacheBytes: o.cacheBytes }, { transferList: [body.buffer as ArrayBuffer] });
      if (r.error) return fail(res, r.status, r.error, (JSON.parse(r.body) as { error: string }).error);
      metrics.work(route, r.pairs, r.work, r.cpuMax);
      if (r.cleared) metrics.cacheClears++;
      metrics.workerHeap.set(r.heap.thread, r.heap);
      // Server-Timing: the checker's work on this batch and its slowest pair, for clients and load tests.
      const ms = (x: number) => (x * 1000).toFixed(3);
      send(res, 200, r.body, 'application/json', { 'server-timing': `work;dur=${ms(r.work.sum)}, pairmax;dur=${ms(r.work.max)}, paircpumax;dur=${ms(r.cpuMax)}` });
    } finally {
      pending--;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<string> {
    const path = (req.url ?? '/').split('?')[0];
    if (stopping) {
      fail(res, 503, 'shutting_down', 'server is shutting down');
      return 'other';
    }
    if (o.token !== null && !sameToken(req.headers.authorization, o.token)) {
      fail(res, 401, 'unauthorized', 'missing or wrong bearer token', { 'www-authenticate': 'Bearer' });
      return 'other';
    }
    const route = POST_ROUTES[path];
    if (route !== undefined) {
      if (req.method !== 'POST') fail(res, 405, 'bad_request', `${path} takes POST`, { allow: 'POST' });
      else await handlePost(req, res, route);
      return route;
    }
    if (path === '/health' || path === '/metrics') {
      if (req.method !== 'GET' && req.method !== 'HEAD') fail(res, 405, 'bad_request', `${path} takes GET`, { allow: 'GET, HEAD' });
      else if (path === '/health') send(res, 200, JSON.stringify({ status: 'ok', workers: o.workers, running: Math.min(pending, o.workers), queued: Math.max(0, pending - o.workers) }));
      else send(res, 200, metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
      return path.slice(1);
    }
    fail(res, 404, 'not_found', `no route ${path} (POST /v1/reward, POST /v1/check, GET /health, GET /metrics)`);
    return 'other';
  }

  const server: Server = createServer((req, res) => {
    const t = performance.now();
    const done = handle(req, res)
      .catch((e: unknown) => {
        fail(res, 500, 'internal', `internal error: ${(e as Error).message}`);
        return 'other';
      })
      .then((route) => metrics.request(route, res.statusCode, (performance.now() - t) / 1000))
      .finally(() => active.delete(done));
    active.add(done);
  });
  server.listen(o.port, o.host);
  try {
    await once(server, 'listening');
  } catch (e) {
    await pool.destroy();
    throw e;
  }
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    metrics,
    close() {
      closing ??= (async () => {
        stopping = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        while (active.size > 0) await Promise.allSettled([...active]);
        server.closeIdleConnections();
        await closed;
        await pool.destroy();
      })();
      return closing;
    },
  };
}
