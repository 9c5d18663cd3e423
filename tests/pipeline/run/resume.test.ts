import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { ROOT, tempDir } from '../../helpers.ts';
import { bigmath, manifestOf } from '../../run-helpers.ts';

/**
 * Kill-and-resume: the run is killed with SIGKILL at several points (while reading and
 * filtering, after reading, during the global stages, while writing shards) and then resumed;
 * the outputs must be byte-identical to an uninterrupted run.
 */
let inputs: string[];
let reference: string;

function outputsOf(dir: string): Record<string, string> {
  const out: Record<string, string> = { manifest: readFileSync(join(dir, 'manifest.json'), 'utf8') };
  for (const d of ['corpus', 'rejected']) for (const f of readdirSync(join(dir, d)).sort()) out[`${d}/${f}`] = readFileSync(join(dir, d, f)).toString('base64');
  return out;
}

beforeAll(() => {
  // several read tasks: split the sample HARP and Omni-MATH files into parts
  const dir = tempDir();
  for (const [source, file] of [['harp', 'harp/HARP.jsonl'], ['omni_math', 'omni_math/test.jsonl']]) {
    const lines = readFileSync(join(ROOT, 'data/sample', file), 'utf8').trim().split('\n');
    mkdirSync(join(dir, source));
    for (let p = 0; p < 3; p++) writeFileSync(join(dir, source, `part-${p}.jsonl`), lines.filter((_, i) => i % 3 === p).join('\n') + '\n');
  }
  inputs = ['--input', `harp=${join(dir, 'harp')}`, '--input', `omni_math=${join(dir, 'omni_math')}`, '--input', `math=${join(ROOT, 'data/sample/math')}`, '--rows-per-shard', '100'];
  reference = join(tempDir(), 'ref');
  const r = bigmath(['run', ...inputs, '--out', reference]);
  expect(r.status, r.stderr).toBe(0);
}, 300_000);

describe('kill and resume', () => {
  it.each(['read:0', 'read:2', 'read-done:1', 'after-read', 'before-global-saved', 'before-manifest'])('SIGKILL at %s, then resume: identical outputs', (point) => {
    const out = join(tempDir(), 'out');
    const killed = bigmath(['run', ...inputs, '--out', out], { BIGMATH_CRASH_AT: point });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(out, 'manifest.json'))).toBe(false); // never passed off as complete
    expect(bigmath(['verify', out]).status).toBe(1);
    const resumed = bigmath(['run', ...inputs, '--out', out, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    if (point !== 'read:0') expect(resumed.stderr).toMatch(/resumed/);
    expect(outputsOf(out)).toEqual(outputsOf(reference));
  });

  it('SIGKILL at a random moment while writing shards, then resume: identical outputs', async () => {
    const out = join(tempDir(), 'out');
    const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), 'run', ...inputs, '--out', out], { cwd: ROOT, stdio: 'ignore' });
    // kill as soon as the first shard appears (the writer is mid-way)
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !(existsSync(join(out, 'rejected')) && readdirSync(join(out, 'rejected')).some((f) => f.endsWith('.parquet')))) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const resumed = bigmath(['run', ...inputs, '--out', out]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(outputsOf(out)).toEqual(outputsOf(reference));
  });

  it('refuses an out dir holding a run of another config unless --force', () => {
    const out = join(tempDir(), 'out');
    expect(bigmath(['run', ...inputs, '--out', out]).status).toBe(0);
    const other = bigmath(['run', ...inputs, '--out', out, '--disable', 'proof']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/different config.*--force/);
    expect(bigmath(['run', ...inputs, '--out', out, '--disable', 'proof', '--force']).status).toBe(0);
  });

  it('refuses to resume an unfinished run of other inputs unless --force', () => {
    const out = join(tempDir(), 'out');
    expect(bigmath(['run', ...inputs, '--out', out], { BIGMATH_CRASH_AT: 'after-read' }).signal).toBe('SIGKILL');
    const r = bigmath(['run', '--input', `harp=${join(ROOT, 'data/sample/harp')}`, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unfinished run/);
  });

  it('a live lock stops a second run into the same out dir', () => {
    const out = join(tempDir(), 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, '.lock'), JSON.stringify({ pid: process.pid, host: hostname() }));
    const r = bigmath(['run', ...inputs, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/locked by a running bigmath process/);
  });
});
