/**
 * The HTTP layer alone, node:http against Fastify, for the choice made in pipeline/serve/server.ts:
 * a server that takes a real 256-pair body as raw bytes and answers a fixed 256-result array, no
 * checking. Reports the server's CPU per request (from /proc, so other load on the machine does not
 * move it) over --requests requests, 4 in flight. Fastify is not a dependency of the project:
 *   npm install --no-save fastify && node scripts/bench-http-layer.ts [--requests 3000]
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { math500Pairs } from './serve-pairs.ts';

const ANSWER = JSON.stringify(Array.from({ length: 256 }, (_, i) => ({ equal: i % 2 === 0, extracted: String(i), reason: 'equal' })));

async function serve(kind: string): Promise<void> {
  if (kind === 'http') {
    const s = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      Buffer.concat(chunks);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ANSWER) }).end(ANSWER);
    }).listen(0, '127.0.0.1', () => console.log((s.address() as AddressInfo).port));
    return;
  }
  const name = 'fastify';
  const { default: Fastify } = await import(name) as { default: (o: object) => any };
  const f = Fastify({ bodyLimit: 16 * 1024 * 1024 });
  f.removeAllContentTypeParsers();
  f.addContentTypeParser('*', { parseAs: 'buffer' }, (_req: unknown, body: Buffer, done: (e: null, b: Buffer) => void) => done(null, body));
  f.post('/v1/reward', async (_req: unknown, reply: { type: (t: string) => void }) => {
    reply.type('application/json');
    return ANSWER;
  });
  await f.listen({ port: 0, host: '127.0.0.1' });
  console.log((f.server.address() as AddressInfo).port);
}

async function measure(kind: string, n: number): Promise<void> {
  const body = JSON.stringify(math500Pairs(256));
  const child = spawn(process.execPath, [import.meta.filename, '--serve', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((r) => child.stdout.once('data', (d) => r(String(d).trim())));
  const cpu = () => {
    const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  let next = 0;
  const loop = async (limit: number) => {
    while (next++ < limit) await (await fetch(`http://127.0.0.1:${port}/v1/reward`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).text();
  };
  await Promise.all([loop(300), loop(300), loop(300), loop(300)]); // warm-up
  next = 0;
  const c0 = cpu(), t0 = performance.now();
  await Promise.all([loop(n), loop(n), loop(n), loop(n)]);
  const s = (performance.now() - t0) / 1000, c = cpu() - c0;
  console.log(`${kind.padEnd(8)} ${n} requests: ${(n / s).toFixed(0)} req/s, server CPU ${((c / n) * 1000).toFixed(3)} ms per request`);
  child.kill();
}

const at = process.argv.indexOf('--serve');
if (at > 0) await serve(process.argv[at + 1]);
else {
  const i = process.argv.indexOf('--requests');
  const n = i > 0 ? Number(process.argv[i + 1]) : 3000;
  for (const kind of ['http', 'fastify', 'http', 'fastify']) await measure(kind, n);
}
