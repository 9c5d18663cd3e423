import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { identifyChunk } from '../../../pipeline/read/identify-chunk.ts';
import { IdentityFold } from '../../../pipeline/read/identity-fold.ts';
import { jsonlRanges } from '../../../pipeline/read/jsonl.ts';
import type { Chunk } from '../../../pipeline/read/chunks.ts';
import { FOLDED, KEEP, RENAMED, processChunk } from '../../../pipeline/process/process-chunk.ts';
import { skipStr } from '../../../pipeline/process/staged-format.ts';
import { parseConfig } from '../../../schemas/config.ts';
import type { TaskStats } from '../../../pipeline/run/task-marker.ts';
import { ROOT, tempDir } from '../../helpers.ts';

/** Every line its own chunk, so each repeat meets its first row in an earlier chunk (another thread's). */
async function oneChunkPerLine(source: string, lines: string[]): Promise<Chunk[]> {
  const path = join(tempDir(), `${source}.jsonl`);
  writeFileSync(path, lines.join('\n') + '\n');
  const ranges = await jsonlRanges(path, 1);
  return ranges.map((range, seq) => ({ task: 0, source, seq, last: seq === ranges.length - 1, format: 'jsonl', path, relativePath: `${source}.jsonl`, range }));
}

async function foldAll(chunks: Chunk[]) {
  const fold = new IdentityFold();
  const stats: TaskStats = { source: chunks[0].source, rows_by_file: {}, records: 0, malformed: 0, folded: 0, folded_into: {}, subsets: {} };
  const decisions: Uint8Array[] = [];
  for (const c of chunks) decisions.push(await fold.add(c, await identifyChunk({ kind: 'identify', chunk: c, boilerplate: null }), stats));
  return { decisions: decisions.map((d) => [...d]), stats };
}

describe('identities folded in input order across chunks', () => {
  const harp = readFileSync(join(ROOT, 'data/sample/harp/HARP.jsonl'), 'utf8').split('\n').slice(0, 2);

  it('a repeated source id in a later chunk is renamed, a malformed row only counted', async () => {
    const chunks = await oneChunkPerLine('harp', [harp[0], '{"broken', harp[1], harp[0]]);
    const { decisions, stats } = await foldAll(chunks);
    expect(decisions).toEqual([[KEEP], [], [KEEP], [RENAMED]]);
    expect(stats).toMatchObject({ records: 3, malformed: 1, folded: 0 });
    expect(Object.values(stats.rows_by_file)).toEqual([4]);
    const out = await processChunk({ kind: 'process', chunk: chunks[3], decisions: new Uint8Array([RENAMED]), config: parseConfig({ workers: 0 }) });
    // one staging frame: u32 length, kind, u32 signals offset, then id, source, source_id, ...
    const frame = Buffer.from(out.staged);
    const sourceIdAt = skipStr(frame, skipStr(frame, 9));
    expect(frame.toString('utf8', sourceIdAt + 4, sourceIdAt + 4 + frame.readUInt32LE(sourceIdAt))).toBe('1950/AHSME/1#harp.jsonl:4');
  });

  it('later rows of an OpenMathInstruct-2 problem fold into the first, and are not processed', async () => {
    const row = (problem: string, solution: string) => JSON.stringify({ problem, generated_solution: solution, expected_answer: '4', problem_source: 'augmented_math' });
    const chunks = await oneChunkPerLine('openmathinstruct2', [row('What is $2+2$?', 'It is $\\boxed{4}$.'), row('What is $3+1$?', '$\\boxed{4}$'), row('What is $2+2$?', 'Again $\\boxed{4}$.')]);
    const { decisions, stats } = await foldAll(chunks);
    expect(decisions).toEqual([[KEEP], [KEEP], [FOLDED]]);
    expect(stats.folded).toBe(1);
    const first = JSON.parse(Buffer.from((await processChunk({ kind: 'process', chunk: chunks[0], decisions: new Uint8Array([KEEP]), config: parseConfig({ workers: 0 }) })).facts).toString());
    expect(stats.folded_into).toEqual({ [first.id]: 1 });
    const folded = await processChunk({ kind: 'process', chunk: chunks[2], decisions: new Uint8Array([FOLDED]), config: parseConfig({ workers: 0 }) });
    expect(folded.staged.length + folded.facts.length).toBe(0);
  });
});
