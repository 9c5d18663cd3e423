import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as checker from '../../checker/index.ts';
import { ROOT } from '../helpers.ts';

/** Every `call(...); // result` line of checker/README.md (the package's documentation) holds. */
describe('checker/README.md examples', () => {
  const readme = readFileSync(join(ROOT, 'checker', 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  const examples = blocks.flatMap((b) => [...b.matchAll(/^(.+?); \/\/ (.+)$/gm)].map((m) => [m[1], m[2]] as const));
  const names = Object.keys(checker);
  const values = Object.values(checker);

  it('has examples of every exported function', () => {
    const functions = names.filter((n) => typeof (checker as Record<string, unknown>)[n] === 'function' && n !== 'clearCheckerCaches' && n !== 'extractBoxedSpans');
    for (const f of functions) expect(examples.some(([code]) => code.startsWith(`${f}(`)), f).toBe(true);
  });

  it.each(examples)('%s', (code, expected) => {
    const value = new Function(...names, `return ${code};`)(...values) as unknown;
    expect(JSON.stringify(value)).toBe(expected);
  });
});
