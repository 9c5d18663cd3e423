import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.ts';
import { OLD_NODE, SYSTEM_ENV, SYSTEM_PATH } from './system-node.ts';

const BIN = join(ROOT, 'bin', 'bigmath.js');
const NODE24_DIR = dirname(process.execPath); // vitest runs on the project's Node 24

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = SYSTEM_ENV) {
  return spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
}

function expectHelp(r: ReturnType<typeof run>): void {
  expect(r.stderr).not.toMatch(/EBADENGINE|Error/);
  expect(r.stdout).toContain('Usage: bigmath [options] [command]');
  expect(r.stdout).toMatch(/\brun \[options\]/);
  expect(r.status).toBe(0);
}

/** What `npm link` makes: <prefix>/bin/bigmath -> <prefix>/lib/node_modules/bigmath/bin/bigmath.js -> the project. */
function linkedBinary(): string {
  const prefix = tempDir('bigmath-link-');
  mkdirSync(join(prefix, 'lib', 'node_modules'), { recursive: true });
  mkdirSync(join(prefix, 'bin'));
  symlinkSync(ROOT, join(prefix, 'lib', 'node_modules', 'bigmath'));
  symlinkSync('../lib/node_modules/bigmath/bin/bigmath.js', join(prefix, 'bin', 'bigmath'));
  return join(prefix, 'bin');
}

describe('every documented way of starting bigmath prints the help and runs a command', () => {
  it('npx bigmath', () => {
    expectHelp(run('npx', ['--no-install', 'bigmath', '--help']));
    expect(run('npx', ['--no-install', 'bigmath', 'check', '1/2', '0.5']).stdout).toBe('equal\n');
  });

  it('npm run bigmath --', () => {
    const r = run('npm', ['run', '--silent', 'bigmath', '--', '--help']);
    expectHelp(r);
  });

  it.runIf(OLD_NODE)('node bin/bigmath.js on the older system Node', () => {
    expectHelp(run(OLD_NODE!, [BIN, '--help']));
    const r = run(OLD_NODE!, [BIN, 'check', '1/2', '0.3']);
    expect([r.stdout, r.status]).toEqual(['not equal\n', 1]);
  });

  it('node bin/bigmath.js on Node 24', () => {
    expectHelp(run(process.execPath, [BIN, '--help']));
  });

  it('the npm-linked binary, on the system Node and on Node 24', () => {
    const bin = linkedBinary();
    expectHelp(run(join(bin, 'bigmath'), ['--help'], { ...SYSTEM_ENV, PATH: bin + delimiter + SYSTEM_PATH }));
    expectHelp(run(join(bin, 'bigmath'), ['--help'], { ...SYSTEM_ENV, PATH: [bin, NODE24_DIR, SYSTEM_PATH].join(delimiter) }));
  });
});
