import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, tempDir } from '../helpers.ts';
import { OLD_NODE, SYSTEM_ENV } from './system-node.ts';

const BIN = join(ROOT, 'bin', 'bigmath.js');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `bigmath run` through the binary on the given Node, paused after the read stage
 * (BIGMATH_PAUSE_AT) with its lock held, and returns the wrapper, the run's pid and the result.
 */
const started: number[] = [];
afterEach(() => {
  // a failing test must not leave a paused run behind
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

async function pausedRun(node: string) {
  const out = join(tempDir(), 'out');
  const args = [BIN, 'run', '--input', `harp=${join(FIXTURES, 'sources', 'harp.jsonl')}`, '--out', out, '--workers', '0'];
  // detached: its own process group, so the test can send Ctrl-C to the group as a terminal does
  const child = spawn(node, args, { cwd: ROOT, env: { ...SYSTEM_ENV, BIGMATH_PAUSE_AT: 'after-read' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  while (!stderr.includes('paused at after-read')) {
    if (child.exitCode !== null) throw new Error(`run ended early: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const runPid = (JSON.parse(readFileSync(join(out, '.lock'), 'utf8')) as { pid: number }).pid;
  started.push(runPid, child.pid!);
  return { child, runPid, out, done, stderr: () => stderr };
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe.runIf(OLD_NODE)('signals sent to the binary re-run on Node 24 reach the run', () => {
  for (const [how, signal, code] of [
    ['kill -TERM to the binary', 'SIGTERM', 143],
    ['kill -INT to the binary', 'SIGINT', 130],
    ['Ctrl-C (SIGINT to the process group)', 'SIGINT', 130],
  ] as const) {
    it(how, async () => {
      const run = await pausedRun(OLD_NODE!);
      expect(run.runPid).not.toBe(run.child.pid); // the run is the Node 24 child
      process.kill(how.startsWith('Ctrl-C') ? -run.child.pid! : run.child.pid!, signal);
      expect(await run.done).toEqual({ code, signal: null });
      expect(await gone(run.runPid)).toBe(true);
      expect(existsSync(join(run.out, '.lock'))).toBe(false);
      const stopped = run.stderr().split('\n').filter((l) => l.includes('stopped'));
      expect(stopped).toEqual([`bigmath: run stopped (${signal}); finished tasks are kept in ${run.out}/.work: run the same command again (or add --resume) to continue`]);
    }, 60_000);
  }
});

describe('Ctrl-C on Node 24 (no wrapper child)', () => {
  it('prints one line and removes the lock', async () => {
    const run = await pausedRun(process.execPath);
    expect(run.runPid).toBe(run.child.pid);
    process.kill(-run.child.pid!, 'SIGINT');
    expect(await run.done).toEqual({ code: 130, signal: null });
    expect(existsSync(join(run.out, '.lock'))).toBe(false);
    expect(run.stderr().match(/run stopped/g)).toHaveLength(1);
  }, 60_000);
});
