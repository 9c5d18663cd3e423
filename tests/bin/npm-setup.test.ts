import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.ts';
import { SYSTEM_ENV } from './system-node.ts';

describe('npm ci on the system Node', () => {
  it('prints no warning where nothing is wrong (no EBADENGINE lines)', () => {
    // the project's npm files in an empty folder: a dry run resolves the lock file and checks
    // engines exactly as `npm ci` does, without touching this checkout's node_modules
    const dir = tempDir('bigmath-npm-');
    for (const f of ['package.json', 'package-lock.json', '.npmrc']) if (existsSync(join(ROOT, f))) copyFileSync(join(ROOT, f), join(dir, f));
    const r = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts'], { cwd: dir, env: SYSTEM_ENV, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stderr + r.stdout).not.toMatch(/EBADENGINE|npm warn/);
  }, 120_000);
});
