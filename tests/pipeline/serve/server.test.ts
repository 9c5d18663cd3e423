import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { isEquivalent, reward } from '../../../checker/index.ts';
import { startServer, SERVE_DEFAULTS, type RunningServer, type ServeOptions } from '../../../pipeline/serve/server.ts';
import { math500Pairs } from '../../../scripts/serve-pairs.ts';

function options(over: Partial<ServeOptions> = {}): ServeOptions {
  return { ...SERVE_DEFAULTS, port: 0, token: null, workers: 1, ...over };
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; headers: Headers }> {
  const r = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: r.status, json: await r.json(), headers: r.headers };
}

/** A batch that keeps one worker busy long enough to observe it running. */
const SLOW = JSON.stringify(math500Pairs(16384));

async function untilRunning(url: string): Promise<void> {
  for (;;) {
    const h = await (await fetch(`${url}/health`)).json() as { running: number };
    if (h.running > 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('bigmath serve', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer(options({ maxPairs: 20000 }));
  });
  afterAll(async () => s.close());

  it('answers a reward batch in order with the library verdicts', async () => {
    const pairs = math500Pairs(600);
    const items = pairs.map((p, i) => (i % 5 === 4 ? { ...p, extract: false, options: { decimalPolicy: 'exact' as const } } : p));
    const r = await post(`${s.url}/v1/reward`, JSON.stringify(items));
    expect(r.status).toBe(200);
    expect(r.headers.get('server-timing')).toMatch(/^work;dur=\d+\.\d{3}, pairmax;dur=\d+\.\d{3}, paircpumax;dur=\d+\.\d{3}$/);
    expect(r.json).toEqual(items.map((it) => reward(it.gold, it.response, 'options' in it ? { ...it.options, extract: false } : undefined)));
    const equal = (r.json as { equal: boolean }[]).filter((x) => x.equal).length;
    expect(equal).toBeGreaterThan(100);
    expect(equal).toBeLessThan(items.length - 50); // both verdicts occur
  });

  it('checks bare pairs, as arrays or objects', async () => {
    const body = [['\\frac{1}{2}', '0.5'], ['3', '4'], { gold: '0.333', pred: '1/3' }, { gold: '0.333', pred: '1/3', options: { decimalPolicy: 'exact' } }];
    const r = await post(`${s.url}/v1/check`, JSON.stringify(body));
    expect(r.json).toEqual([true, false, isEquivalent('0.333', '1/3'), false]);
  });

  it.each([
    ['not JSON', '{"gold":', /not valid JSON/],
    ['not an array', '{"gold":"1","response":"1"}', /must be a JSON array/],
    ['a missing response', '[{"gold":"1"}]', /item 0: "response" must be a string/],
    ['a number gold', '[{"gold":"1","response":"1"},{"gold":2,"response":"2"}]', /item 1: "gold"/],
    ['a bad option', '[{"gold":"1","response":"1","options":{"decimalPolicy":"fuzzy"}}]', /decimalPolicy must be one of/],
    ['too many samples', '[{"gold":"x","response":"x","options":{"samples":1000}}]', /options.samples must be an integer from 1 to 32/],
    ['an unknown option', '[{"gold":"1","response":"1","options":{"timeout":5}}]', /unknown option "timeout"/],
    ['a non-boolean extract', '[{"gold":"1","response":"1","extract":"no"}]', /"extract" must be a boolean/],
    ['invalid UTF-8', Buffer.from([0x5b, 0xff, 0x5d]), /not valid UTF-8/],
  ])('refuses %s with 400 and a JSON error', async (_name, body, message) => {
    const r = await fetch(`${s.url}/v1/reward`, { method: 'POST', body });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(message);
  });

  it('refuses a malformed check pair with 400', async () => {
    const r = await post(`${s.url}/v1/check`, '[["1"]]');
    expect(r.status).toBe(400);
  });

  it('answers unknown routes and wrong methods with 404 and 405', async () => {
    expect((await fetch(`${s.url}/v2/reward`, { method: 'POST', body: '[]' })).status).toBe(404);
    const r = await fetch(`${s.url}/v1/reward`);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('counts requests, pairs, latency and errors in Prometheus text', async () => {
    await post(`${s.url}/v1/reward`, JSON.stringify(math500Pairs(3)));
    const text = await (await fetch(`${s.url}/metrics`)).text();
    expect(text).toMatch(/^bigmath_requests_total\{route="reward",code="200"\} \d+$/m);
    expect(text).toMatch(/^bigmath_requests_total\{route="reward",code="400"\} \d+$/m);
    expect(text).toMatch(/^bigmath_pairs_total\{route="reward"\} \d+$/m);
    expect(text).toMatch(/^bigmath_errors_total\{kind="bad_request"\} \d+$/m);
    expect(text).toMatch(/^bigmath_request_duration_seconds_bucket\{route="reward",le="\+Inf"\} \d+$/m);
    expect(text).toMatch(/^bigmath_pair_work_seconds_count \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    const pairs = Number(/^bigmath_pairs_total\{route="reward"\} (\d+)$/m.exec(text)![1]);
    expect(pairs).toBeGreaterThanOrEqual(603);
  });
});

describe('bigmath serve limits', () => {
  it('answers 413 past the body size and the pair count limits', async () => {
    const s = await startServer(options({ maxBodyBytes: 1000, maxPairs: 2 }));
    try {
      const big = JSON.stringify([{ gold: '1', response: 'x'.repeat(2000) }]);
      expect((await post(`${s.url}/v1/reward`, big)).status).toBe(413);
      // Chunked, so the limit is found while reading rather than from content-length.
      const chunked = await new Promise<number>((resolve, reject) => {
        const req = request(`${s.url}/v1/reward`, { method: 'POST' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write('[' + '"x",'.repeat(200));
        req.end('"x"]');
      });
      expect(chunked).toBe(413);
      const many = await post(`${s.url}/v1/reward`, JSON.stringify(math500Pairs(3).map((p) => ({ gold: p.gold, response: '1' }))));
      expect(many.status).toBe(413);
      expect((many.json as { error: string }).error).toMatch(/3 pairs exceeds the limit of 2/);
    } finally {
      await s.close();
    }
  });

  it('empties the checker memo past its heap budget, with the same verdicts', async () => {
    const s = await startServer(options({ cacheBytes: 1 }));
    try {
      const pairs = math500Pairs(50);
      for (let k = 0; k < 2; k++) {
        const r = await post(`${s.url}/v1/reward`, JSON.stringify(pairs));
        expect(r.json).toEqual(pairs.map((p) => reward(p.gold, p.response)));
      }
      const clears = Number(/^bigmath_cache_clears_total (\d+)$/m.exec(await (await fetch(`${s.url}/metrics`)).text())![1]);
      expect(clears).toBeGreaterThanOrEqual(1);
    } finally {
      await s.close();
    }
  });

  it('requires the bearer token when one is set', async () => {
    const s = await startServer(options({ token: 's3cret' }));
    try {
      const body = JSON.stringify([{ gold: '1', response: '\\boxed{1}' }]);
      expect((await post(`${s.url}/v1/reward`, body)).status).toBe(401);
      expect((await post(`${s.url}/v1/reward`, body, { authorization: 'Bearer wrong!' })).status).toBe(401);
      expect((await fetch(`${s.url}/health`)).status).toBe(401);
      const ok = await post(`${s.url}/v1/reward`, body, { authorization: 'Bearer s3cret' });
      expect(ok.json).toEqual([{ equal: true, extracted: '1', reason: 'equal' }]);
    } finally {
      await s.close();
    }
  });

  it('answers 429 with Retry-After when the queue is full', async () => {
    const s = await startServer(options({ maxQueue: 0, maxPairs: 20000 }));
    try {
      const first = post(`${s.url}/v1/reward`, SLOW);
      await untilRunning(s.url);
      const second = await post(`${s.url}/v1/reward`, JSON.stringify(math500Pairs(2)));
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('1');
      expect((await first).status).toBe(200);
      expect((await post(`${s.url}/v1/reward`, JSON.stringify(math500Pairs(2)))).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('finishes the batches in flight when closed, then refuses connections', async () => {
    const s = await startServer(options({ maxPairs: 20000 }));
    const first = post(`${s.url}/v1/reward`, SLOW);
    await untilRunning(s.url);
    const closed = s.close();
    const r = await first;
    expect(r.status).toBe(200);
    expect((r.json as unknown[]).length).toBe(16384);
    await closed;
    await expect(fetch(`${s.url}/health`)).rejects.toThrow();
  });
});
