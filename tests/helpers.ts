import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonl } from '../pipeline/read/jsonl.ts';
import type { RawRow } from '../pipeline/read/raw-row.ts';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const ROOT = join(import.meta.dirname, '..');

export function tempDir(prefix = 'bigmath-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function collectRows(gen: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

export async function fixtureRows(name: string): Promise<Record<string, unknown>[]> {
  const rows = await collectRows(readJsonl(join(FIXTURES, 'sources', name)));
  return rows.map((r) => ('value' in r ? r.value : {}));
}
