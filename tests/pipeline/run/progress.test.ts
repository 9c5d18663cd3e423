import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../../pipeline/run/progress.ts';
import { FIXTURES, tempDir } from '../../helpers.ts';
import { bigmath } from '../../run-helpers.ts';

describe('progress when stderr is not a terminal', () => {
  it('logs a line per stage and one per interval in a long stage', () => {
    const lines: string[] = [];
    let t = 0;
    const p = terminalProgress({ isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream, 15_000, () => t);
    p.stage('reading');
    for (let i = 1; i <= 100; i++) {
      t = i * 1_000; // 100 s of ticks, one a second
      p.tick('reading a.jsonl', i * 500);
    }
    p.stage('dedup');
    expect(lines[0]).toBe('bigmath: reading\n');
    expect(lines.filter((l) => l.includes('reading a.jsonl'))).toHaveLength(6); // at 15, 30, ..., 90 s
    expect(lines[1]).toBe('bigmath:   reading a.jsonl: 7,500 rows, 500 rows/s, 15 s\n');
    expect(lines.at(-1)).toBe('bigmath: dedup\n');
  });

  it('a run piped to a log names each stage; the last line names the report and the dataset card', () => {
    const out = join(tempDir(), 'out');
    const r = bigmath(['run', '--input', `harp=${join(FIXTURES, 'sources', 'harp.jsonl')}`, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^bigmath: reading, filtering and checking 1 input file \(1 read task\)$/m);
    expect(r.stderr).toMatch(/^bigmath: dedup and answer conflicts over \d+ records$/m);
    expect(r.stderr).toMatch(/^bigmath: writing corpus and rejected shards$/m);
    const last = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(new RegExp(`^wrote ${out}/: report\\.html \\(open it in a browser\\), README\\.md \\(dataset card\\), corpus/ \\(\\d+ records? in 1 shard\\), rejected/ \\(\\d+ records? in \\d+ shards?\\), manifest\\.json$`));
  });
});
