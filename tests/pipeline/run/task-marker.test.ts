import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupFactsPath, factsPath, readMarker, stagedPath, writeMarker, type TaskStats } from '../../../pipeline/run/task-marker.ts';

const stats: TaskStats = { source: 'math', rows_by_file: { 'a.jsonl': 2 }, records: 2, malformed: 0, folded: 0, folded_into: {}, subsets: { '': 2 } };

describe('task markers', () => {
  it('count a task as done while its three files keep their sizes, not after a truncation or loss', async () => {
    const work = mkdtempSync(join(tmpdir(), 'marker-'));
    mkdirSync(join(work, 'staged'));
    writeFileSync(stagedPath(work, 3), '[]\t{"id":"a"}\n[]\t{"id":"b"}\n');
    writeFileSync(factsPath(work, 3), '{"id":"a"}\n{"id":"b"}\n');
    writeFileSync(dedupFactsPath(work, 3), new Uint8Array(64));
    await writeMarker(work, 3, 'math a.jsonl', stats);
    expect((await readMarker(work, 3))?.stats).toEqual(stats);
    expect(await readMarker(work, 4)).toBeNull();
    truncateSync(dedupFactsPath(work, 3), 32);
    expect(await readMarker(work, 3)).toBeNull();
  });
});
