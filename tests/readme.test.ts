import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../schemas/config.ts';
import { ROOT } from './helpers.ts';

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  it('documents the config defaults exactly as the schema gives them', () => {
    const block = /Defaults:\n\n```json\n([\s\S]*?)\n```/.exec(readme);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1])).toEqual(parseConfig({}));
  });
  it('opens with the two commands', () => {
    const first = /```bash\n([\s\S]*?)```/.exec(readme)![1];
    expect(first).toContain('npm ci && npm run bigmath -- run');
    expect(first).toContain('npm ci && npm test');
  });
});
