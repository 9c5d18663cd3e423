import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const DRIVER = join(import.meta.dirname, 'check-driver.ts');

function run(...args: string[]) {
  const r = spawnSync(NODE, [DRIVER, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'bigmath-check-'));

describe('bigmath check', () => {
  it('exits 0 for equal answers and 1 for different ones', () => {
    expect(run('check', '\\frac{1}{2}', '0.5')).toMatchObject({ code: 0, out: 'equal\n' });
    expect(run('check', '\\frac{1}{2}', '0.6')).toMatchObject({ code: 1, out: 'not equal\n' });
  });
  it('applies --decimal-policy and --extract', () => {
    expect(run('check', '\\frac13', '0.333').code).toBe(0);
    expect(run('check', '--decimal-policy', 'exact', '\\frac13', '0.333').code).toBe(1);
    expect(run('check', '--extract', 'so \\boxed{4}', 'The final answer is $4$.').code).toBe(0);
  });
  it('--extract extracts from pred only: a bare gold is never reduced to its last number', () => {
    expect(run('check', '--extract', '\\frac{\\sqrt{3}}{2}', 'so $\\boxed{2}$').code).toBe(1);
    expect(run('check', '--extract', '\\frac{\\sqrt{3}}{2}', 'so $\\boxed{\\frac{\\sqrt3}{2}}$').code).toBe(0);
  });
  it('exits 2 on usage errors', () => {
    const r = run('check', 'only-one');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/expected GOLD and PRED/);
    expect(run('check', '--decimal-policy', 'nope', '1', '1').code).toBe(2);
  });
  it('reads JSONL, writes one line per input line, and reports malformed lines without stopping', () => {
    const file = join(dir, 'pairs.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'a', gold: '2', pred: '2.0' }),
      '{"id": "b", "gold": "x+1"',
      JSON.stringify({ id: 'c', gold: '(1,2)', pred: '(2,1)' }),
      JSON.stringify({ id: 'd', gold: 3 }),
      '',
      JSON.stringify({ id: 'e', gold: '[0,1)', pred: '0 \\le x < 1' }),
    ].join('\n'));
    const r = run('check', '--jsonl', file);
    expect(r.code).toBe(2);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.id, x.equal])).toEqual([['a', true], ['c', false], ['e', true]]);
    expect(rows.every((x) => typeof x.ms === 'number')).toBe(true);
    expect(r.err).toContain(`${file}:2: invalid JSON`);
    expect(r.err).toContain(`${file}:4: expected string fields`);
  });
  it('reads an optional boolean "extract" per line (pred only) and explains with --explain', () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'bare', gold: '34', pred: '34' }),
      JSON.stringify({ id: 'resp', gold: '34', pred: 'Final Answer: so $\\boxed{35}$.', extract: true }),
      JSON.stringify({ id: 'gold-kept', gold: '\\frac{\\sqrt{3}}{2}', pred: 'thus $\\boxed{2}$', extract: true }),
      JSON.stringify({ id: 'order', gold: '(15,-29)', pred: '-29, 15', extract: false }),
      JSON.stringify({ id: 'bad', gold: '1', pred: '1', extract: 'yes' }),
    ].join('\n'));
    const r = run('check', '--jsonl', file, '--explain');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:5: field "extract" must be true or false`);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.id, x.equal, x.reason])).toEqual([
      ['bare', true, 'equal'], ['resp', false, 'value 34 vs 35'], ['gold-kept', false, 'value \\frac{\\sqrt{3}}{2} vs 2'],
      ['order', false, 'tuple order'],
    ]);
    expect(rows[1].extracted).toBe('35');
    expect(run('check', '--explain', '(1,2)', '(2,1)')).toMatchObject({ code: 1, out: 'not equal\ttuple order\n' });
  });
  it('exits 2 naming a missing file', () => {
    const r = run('check', '--jsonl', join(dir, 'missing.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing.jsonl');
  });
});

describe('bigmath classify', () => {
  it('prints the kind of an answer', () => {
    expect(run('classify', '[0,1)')).toMatchObject({ code: 0, out: 'interval\n' });
    expect(run('classify', '\\text{Sunday}')).toMatchObject({ code: 0, out: 'not_closed_form\n' });
    expect(run('classify', '--details', '\\frac{2}{4}').out).toBe('number\t\\frac{1}{2}\n');
  });
  it('reads JSONL', () => {
    const file = join(dir, 'answers.jsonl');
    writeFileSync(file, [JSON.stringify({ id: 1, answer: 'x^2' }), 'not json', JSON.stringify({ id: 2, answer: 'yes' })].join('\n') + '\n');
    const r = run('classify', '--jsonl', file);
    expect(r.code).toBe(2);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 1, kind: 'expression', closed_form: true },
      { id: 2, kind: 'not_closed_form', closed_form: false },
    ]);
    expect(r.err).toContain(`${file}:2:`);
  });
});
