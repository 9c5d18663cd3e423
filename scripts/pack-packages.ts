/**
 * Builds the two publishable npm packages into build/packages/ and packs them:
 *   bigmath-checker  the checker alone (checker/ compiled, with types), packages/checker/package.json
 *   bigmath-cli      the `bigmath` command, packages/cli/package.json
 * Both are compiled JavaScript: Node does not strip TypeScript types from files under node_modules.
 * The repository's own package.json is private (the npm name `bigmath` belongs to another project).
 * Usage: node scripts/pack-packages.ts     (prints the two tarball paths, one per line)
 * Publish: npm publish build/packages/bigmath-checker-<v>.tgz (and likewise bigmath-cli).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'build', 'packages');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/**
 * Worker and asset URLs name the .ts file (`new URL('./record-worker.ts', import.meta.url)`), which
 * import rewriting does not reach: point them at the compiled .js.
 */
function rewriteWorkerUrls(dir: string): void {
  for (const f of files(dir).filter((p) => p.endsWith('.js'))) {
    const src = readFileSync(f, 'utf8');
    const out = src.replace(/new URL\('(\.{1,2}\/[^']+)\.ts', import\.meta\.url\)/g, "new URL('$1.js', import.meta.url)");
    if (out !== src) writeFileSync(f, out);
  }
}

function pack(dir: string): string {
  const out = execFileSync('npm', ['pack', '--pack-destination', OUT, '--json'], { cwd: dir, encoding: 'utf8' });
  return join(OUT, (JSON.parse(out) as { filename: string }[])[0].filename);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// bigmath-checker
const checkerDir = join(OUT, 'bigmath-checker');
execFileSync(TSC, ['-p', 'tsconfig.lib.json', '--outDir', join(checkerDir, 'build')], { cwd: ROOT, stdio: 'inherit' });
cpSync(join(checkerDir, 'build', 'checker'), join(checkerDir, 'dist'), { recursive: true });
rmSync(join(checkerDir, 'build'), { recursive: true });
cpSync(join(ROOT, 'packages', 'checker', 'package.json'), join(checkerDir, 'package.json'));
cpSync(join(ROOT, 'packages', 'checker', 'CHANGELOG.md'), join(checkerDir, 'CHANGELOG.md'));
cpSync(join(ROOT, 'checker', 'README.md'), join(checkerDir, 'README.md'));

// bigmath-cli: the repository layout, compiled (paths relative to the package root stay valid).
const cliDir = join(OUT, 'bigmath-cli');
execFileSync(TSC, ['-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'inherit' });
rewriteWorkerUrls(cliDir);
for (const f of files(join(ROOT, 'pipeline')).filter((p) => p.endsWith('.js'))) cpSync(f, join(cliDir, f.slice(ROOT.length)));
for (const d of ['bin', 'data', 'clients']) cpSync(join(ROOT, d), join(cliDir, d), { recursive: true, filter: (p) => !p.includes('__pycache__') });
cpSync(join(ROOT, 'packages', 'cli', 'package.json'), join(cliDir, 'package.json'));
cpSync(join(ROOT, 'packages', 'cli', 'CHANGELOG.md'), join(cliDir, 'CHANGELOG.md'));
cpSync(join(ROOT, 'README.md'), join(cliDir, 'README.md'));
// npm-shrinkwrap.json: the repository's lockfile pruned to the CLI's dependencies, so users get the
// versions the tests ran with (the usual choice for a command-line tool).
cpSync(join(ROOT, 'package-lock.json'), join(cliDir, 'package-lock.json'));
execFileSync('npm', ['install', '--package-lock-only', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: cliDir, stdio: 'ignore' });
execFileSync('npm', ['shrinkwrap'], { cwd: cliDir, stdio: 'ignore' });

console.log(pack(checkerDir));
console.log(pack(cliDir));
