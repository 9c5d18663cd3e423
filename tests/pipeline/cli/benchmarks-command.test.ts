import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

describe('bigmath benchmarks', () => {
  it('lists every bundled set with its item count and origin', () => {
    const r = spawnSync(NODE, [join(ROOT, 'pipeline', 'cli', 'main.ts'), 'benchmarks', '--json'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { name: string; items: number; origin: string; license: string }[];
    const count = Object.fromEntries(rows.map((x) => [x.name, x.items]));
    expect(count).toEqual({ math500: 500, gsm8k_test: 1319, aime_1983_2024: 933, aime_2022_2024: 90, amc_2023: 40, olympiadbench: 675, minerva_math: 272, aime_2025: 30 });
    expect(rows.every((x) => x.origin.length > 0 && x.license.length > 0)).toBe(true);
    const text = spawnSync(NODE, [join(ROOT, 'pipeline', 'cli', 'main.ts'), 'benchmarks'], { encoding: 'utf8', cwd: ROOT });
    expect(text.stdout).toMatch(/^olympiadbench\s+675\s+data\/benchmarks\/olympiadbench\/test\.jsonl$/m);
    expect(text.stdout).toMatch(/^total\s+3859$/m);
  });
});
