import { describe, expect, it } from 'vitest';
import { math500Pairs } from '../../../scripts/serve-pairs.ts';
import { spawnServe } from '../../../scripts/serve-process.ts';

describe('bigmath serve (command)', () => {
  it('reads the token from BIGMATH_TOKEN, and on SIGTERM answers the batch in flight, then exits 0', async () => {
    const s = await spawnServe(['--workers', '1', '--max-pairs', '20000'], { BIGMATH_TOKEN: 'from-env' });
    const auth = { authorization: 'Bearer from-env' };
    expect((await fetch(`${s.url}/health`)).status).toBe(401);
    const pending = fetch(`${s.url}/v1/reward`, { method: 'POST', headers: auth, body: JSON.stringify(math500Pairs(16384)) });
    for (;;) {
      const h = await (await fetch(`${s.url}/health`, { headers: auth })).json() as { running: number };
      if (h.running > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    s.child.kill('SIGTERM');
    const r = await pending;
    expect(r.status).toBe(200);
    expect(((await r.json()) as unknown[]).length).toBe(16384);
    expect(await s.exit).toBe(0);
    expect(s.stderr()).toMatch(/SIGTERM: finishing in-flight batches\n.*stopped/);
  });

  it('exits 2 with one line when the port is taken', async () => {
    const first = await spawnServe(['--workers', '1']);
    const port = new URL(first.url).port;
    try {
      await expect(spawnServe(['--workers', '1', '--port', port])).rejects.toThrow(/exited with 2: bigmath: serve: cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
    } finally {
      first.child.kill('SIGTERM');
      await first.exit;
    }
  });
});
