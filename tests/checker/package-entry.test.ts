import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';

/** The checker is the package entry: plain JavaScript with types, built by `npm ci` (prepare). */
describe('package entry "bigmath"', () => {
  it('exports the checker as compiled JavaScript with type declarations', () => {
    if (!existsSync(join(ROOT, 'dist/checker/index.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    expect(existsSync(join(ROOT, 'dist/checker/index.d.ts'))).toBe(true);
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('bigmath'); console.log(JSON.stringify([m.isEquivalent('\\\\frac{1}{2}', '0.5'), m.classify('(1,2]').kind, m.extractAnswer('so \\\\boxed{7}.')]))"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([true, 'interval', '7']);
  });
});
