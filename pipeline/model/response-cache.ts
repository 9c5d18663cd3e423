import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Graded } from './grade.ts';
import type { Sample } from './openai-client.ts';

/**
 * The response cache of a rollout folder: append-only JSON lines, one per completed request,
 * under `cache/`. A line is written with one synchronous write as soon as its request completes,
 * before the request counts as done, so a `kill -9` loses nothing that was answered, and a
 * re-run sends only the samples no line holds. A torn last line (the process died inside the
 * write) fails to parse and is skipped: its samples are simply asked for again.
 *
 * Lines are keyed by the request's prompt key (model, API, messages, sampling parameters) and the
 * index of their first sample, so the same cache serves any later run with the same settings and
 * a changed setting misses it. Each line also holds the grades, stamped with the checker version
 * and the gold they were computed against; a changed stamp regrades from the stored text.
 */
export interface CacheLine {
  /** Prompt key. */
  k: string;
  /** Record id (for a reader of the cache; the key decides). */
  id: string;
  /** Index of the first sample in this line. */
  i: number;
  /** Samples: [text, finish reason]. */
  s: [string, string | null][];
  /** Grades: [extracted answer, correct]. */
  g: [string | null, boolean][];
  /** Grade stamp (checker version and gold). */
  gv: string;
  pt: number;
  ct: number;
}

/**
 * The name of this process's own append-only cache file: its start time and pid, so runs after a
 * kill never append to a file an earlier process may have left torn, and names sort by start.
 */
export function runFileName(ext: string): string {
  return `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.${ext}`;
}

export class ResponseCache {
  private readonly dir: string;
  private fd: number | null = null;
  private readonly fileName: string;

  constructor(dir: string, fileName: string) {
    this.dir = dir;
    this.fileName = fileName;
  }

  /** Every intact line of every cache file, files in name order. */
  async *lines(): AsyncGenerator<CacheLine> {
    if (!existsSync(this.dir)) return;
    for (const f of readdirSync(this.dir).filter((n) => n.endsWith('.jsonl')).sort()) {
      const rl = createInterface({ input: createReadStream(join(this.dir, f)), crlfDelay: Infinity });
      for await (const text of rl) {
        if (!text) continue;
        let line: CacheLine;
        try {
          line = JSON.parse(text) as CacheLine;
        } catch {
          continue; // torn by a kill inside the write
        }
        if (typeof line.k === 'string' && Number.isInteger(line.i) && Array.isArray(line.s) && Array.isArray(line.g)) yield line;
      }
    }
  }

  append(key: string, id: string, start: number, samples: Sample[], grades: Graded[], stamp: string, promptTokens: number, completionTokens: number): void {
    if (this.fd === null) {
      mkdirSync(this.dir, { recursive: true });
      this.fd = openSync(join(this.dir, this.fileName), 'a');
    }
    const line: CacheLine = {
      k: key,
      id,
      i: start,
      s: samples.map((s) => [s.text, s.finishReason]),
      g: grades.map((g) => [g.extracted, g.correct]),
      gv: stamp,
      pt: promptTokens,
      ct: completionTokens,
    };
    // Starts with a newline: a line torn by an earlier kill never swallows this one.
    writeSync(this.fd, '\n' + JSON.stringify(line));
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
