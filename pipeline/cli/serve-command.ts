import { availableParallelism } from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { SERVE_DEFAULTS, startServer } from '../serve/server.ts';
import { UsageError } from '../errors.ts';

/**
 * `bigmath serve`: the reward server (pipeline/serve/). Runs until SIGTERM or SIGINT, then finishes
 * the batches it has received and exits 0.
 */

function integer(min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

interface ServeOpts { host: string; port: number; token?: string; workers?: number; maxQueue: number; maxBodyMb: number; maxPairs: number; cacheMb: number }

async function serveAction(o: ServeOpts): Promise<void> {
  const token = o.token ?? process.env.BIGMATH_TOKEN ?? null;
  const workers = o.workers ?? availableParallelism();
  let server;
  try {
    server = await startServer({
      host: o.host, port: o.port, token: token === '' ? null : token, workers, maxQueue: o.maxQueue,
      maxBodyBytes: o.maxBodyMb * 1024 * 1024, maxPairs: o.maxPairs, cacheBytes: o.cacheMb * 1024 * 1024,
    });
  } catch (e) {
    throw new UsageError(`serve: cannot listen on ${o.host}:${o.port}: ${(e as Error).message}`);
  }
  process.stderr.write(`bigmath serve: listening on ${server.url} (${workers} worker threads${token ? ', bearer token required' : ''})\n`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  process.stderr.write(`bigmath serve: ${signal}: finishing in-flight batches\n`);
  await server.close();
  process.stderr.write('bigmath serve: stopped\n');
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the answer checker over HTTP for RL training: POST /v1/reward, POST /v1/check, GET /health, GET /metrics')
    .option('--host <HOST>', 'address to listen on', SERVE_DEFAULTS.host)
    .option('--port <PORT>', 'port to listen on (0: any free port)', integer(0, 65535), SERVE_DEFAULTS.port)
    .option('--token <TOKEN>', 'bearer token every request must carry (default: $BIGMATH_TOKEN; none when unset)')
    .option('--workers <N>', 'worker threads checking pairs (default: one per core)', integer(1, 1024))
    .option('--max-queue <N>', 'batches that may wait for a worker; beyond it requests get 429 with Retry-After', integer(0, 1_000_000), SERVE_DEFAULTS.maxQueue)
    .option('--max-body-mb <MB>', 'largest request body in MiB (413 past it)', integer(1, 4096), SERVE_DEFAULTS.maxBodyBytes / 1024 / 1024)
    .option('--max-pairs <N>', 'most pairs in one batch (413 past it)', integer(1, 10_000_000), SERVE_DEFAULTS.maxPairs)
    .option('--cache-mb <MB>', 'heap per worker thread past which it empties the checker memo (keeps memory flat)', integer(16, 65536), SERVE_DEFAULTS.cacheBytes / 1024 / 1024)
    .action(serveAction);
}
