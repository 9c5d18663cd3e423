import { createServer, type Server, type Socket } from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSource } from '../../../pipeline/fetch/fetch-source.ts';
import { FetchError } from '../../../pipeline/fetch/errors.ts';
import { ROOT } from '../../helpers.ts';
import { numinaSource } from './helpers.ts';

/** A server that accepts connections and never answers (a hung proxy or mirror). */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))) };
}

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

describe('a server that never answers', () => {
  it('ends at the overall deadline, not after every attempt; each retry line names what it retries', async () => {
    const server = await silentServer();
    close = server.close;
    const output: string[] = [];
    const err = await fetchSource('numinamath', {
      cacheDir: await mkdtemp(join(tmpdir(), 'bigmath-fetch-')),
      env: { HF_ENDPOINT: server.url },
      progress: { isTTY: false, write: (c: string) => output.push(c) },
      retry: { attempts: 50, baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 1_000 },
      headersTimeoutMs: 200,
      sources: [numinaSource],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toMatch(/no response within 200 ms .*\(gave up after \d+ attempts? in \d+ s \(deadline 1 s, --timeout\)\)/);
    const retries = output.join('').split('\n').filter((l) => l.includes('retry '));
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.length).toBeLessThan(10); // 1 s of 200 ms attempts, not 50 attempts
    for (const l of retries) expect(l).toMatch(/^AI-MO\/NuminaMath-CoT, revision main: no response within 200 ms/);
  });

  it('bigmath fetch --timeout bounds the wait from the command line', async () => {
    const server = await silentServer();
    close = server.close;
    const cache = await mkdtemp(join(tmpdir(), 'bigmath-fetch-'));
    const r = await new Promise<ReturnType<typeof spawnSync>>((resolve) =>
      setImmediate(() => resolve(spawnSync(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), 'fetch', 'numinamath', '--timeout', '1', '--cache-dir', cache], { env: { ...process.env, HF_ENDPOINT: server.url }, encoding: 'utf8', timeout: 60_000 }))),
    );
    expect(r.status).toBe(2);
    expect(String(r.stderr)).toMatch(/bigmath fetch: error: .*no response within 1000 ms.*deadline 1 s, --timeout/);
  });
});
