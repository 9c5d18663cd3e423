import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers.ts';

/**
 * The publishable packages (scripts/pack-packages.ts): each tarball is installed into an empty folder
 * and used as a user would. Installs are offline, from npm's cache; where the cache lacks a package's
 * metadata (the CLI's dependencies on a fresh machine) the install uses the registry when it is
 * reachable, and the test is skipped, saying so, when it is not.
 */

interface Manifest { name: string; version: string; dependencies?: Record<string, string> }
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Manifest;
const root = readJson(join(ROOT, 'package.json'));

let registry: boolean | undefined;
function registryReachable(): boolean {
  registry ??= spawnSync('npm', ['ping'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
  return registry;
}

/** Installs a tarball into `dir`; false when that needs the registry and it is unreachable. */
function install(dir: string, tarball: string): boolean {
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball];
  const offline = spawnSync('npm', [...args, '--offline'], { cwd: dir, encoding: 'utf8' });
  if (offline.status === 0) return true;
  if (!/ENOTCACHED/.test(offline.stderr)) throw new Error(`npm install failed: ${offline.stderr}`);
  if (!registryReachable()) return false;
  execFileSync('npm', [...args, '--prefer-offline'], { cwd: dir, stdio: 'ignore' });
  return true;
}

function emptyProject(): string {
  const dir = tempDir('bigmath-pkg-');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return dir;
}

describe('npm packages', () => {
  it('declare the dependencies their code imports, at the repository versions', () => {
    const checkerPkg = readJson(join(ROOT, 'packages', 'checker', 'package.json'));
    const imported = new Set<string>();
    for (const f of readdirSync(join(ROOT, 'checker')).filter((x) => x.endsWith('.ts'))) {
      for (const m of readFileSync(join(ROOT, 'checker', f), 'utf8').matchAll(/from '([^.'][^']*)'/g)) {
        if (!m[1].startsWith('node:')) imported.add(m[1]);
      }
    }
    expect(Object.keys(checkerPkg.dependencies ?? {}).sort()).toEqual([...imported].sort());
    for (const d of imported) expect(checkerPkg.dependencies![d]).toBe(root.dependencies![d]);
    const cli = readJson(join(ROOT, 'packages', 'cli', 'package.json'));
    const { node: _installer, ...runtime } = root.dependencies!;
    expect(cli.dependencies).toEqual(runtime);
    expect(cli.version).toBe(root.version); // the tool version written into manifests
  });

  let checkerTgz = '', cliTgz = '';
  beforeAll(() => {
    [checkerTgz, cliTgz] = execFileSync(process.execPath, [join(ROOT, 'scripts', 'pack-packages.ts')], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
  }, 120_000);

  it('packs bigmath-checker and bigmath-cli', () => {
    expect(checkerTgz).toMatch(/bigmath-checker-\d+\.\d+\.\d+\.tgz$/);
    expect(cliTgz).toMatch(/bigmath-cli-\d+\.\d+\.\d+\.tgz$/);
  });

  it('bigmath-checker installs into an empty folder, with types, and reward() works', (ctx) => {
    const dir = emptyProject();
    if (!install(dir, checkerTgz)) return ctx.skip('decimal.js is not in the npm cache and the registry is unreachable');
    expect(existsSync(join(dir, 'node_modules', 'bigmath-checker', 'dist', 'index.d.ts'))).toBe(true);
    const out = execFileSync(process.execPath, ['--input-type=module', '-e',
      "import { reward, isEquivalent } from 'bigmath-checker'; console.log(JSON.stringify([reward('\\\\frac{1}{2}', 'so \\\\boxed{0.5}'), isEquivalent('2', '3')]))"],
    { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([{ equal: true, extracted: '0.5', reason: 'equal' }, false]);
  });

  it('bigmath-cli installs into an empty folder and its command runs', (ctx) => {
    const dir = emptyProject();
    if (!install(dir, cliTgz)) return ctx.skip('the CLI dependencies are not in the npm cache and the registry is unreachable');
    const bin = join(dir, 'node_modules', '.bin', 'bigmath');
    const help = execFileSync(process.execPath, [bin, '--help'], { cwd: dir, encoding: 'utf8' });
    expect(help).toMatch(/^ {2}serve \[options\]/m);
    expect(help).toMatch(/^ {2}run \[options\]/m);
    const check = spawnSync(process.execPath, [bin, 'check', '\\frac{1}{2}', '0.5'], { cwd: dir, encoding: 'utf8' });
    expect([check.status, check.stdout.trim()]).toEqual([0, 'equal']);
    expect(existsSync(join(dir, 'node_modules', 'bigmath-cli', 'clients', 'python', 'bigmath_reward.py'))).toBe(true);
  });
});
