/**
 * One generation worker: `fixed+numina` writes MATH, HARP, Omni-MATH and NuminaMath; `omi`
 * writes OpenMathInstruct-2. Each is deterministic on its own, so two workers give the same
 * bytes on any machine.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Generator, type GenOptions } from './generator.ts';
import { loadPools } from './templates.ts';
import type { FileInfo } from './writer.ts';

export type Part = 'fixed+numina' | 'omi';

const { opts, part, shared } = workerData as { opts: GenOptions; part: Part; shared?: string };
const gen = new Generator(opts, await loadPools(shared));
const files: Record<string, FileInfo[]> = {};
const timings: Record<string, number> = {};

async function step(name: string, dir: string, f: (dir: string) => Promise<FileInfo[]>): Promise<void> {
  const t = performance.now();
  files[name] = await f(join(opts.out, dir));
  timings[name] = Math.round(performance.now() - t) / 1000;
  const rows = files[name].reduce((a, x) => a + x.rows, 0);
  console.error(`${name}: ${rows} rows, ${files[name].length} file(s), ${timings[name]} s`);
}

if (part === 'fixed+numina') {
  await step('math', 'math', (d) => gen.writeMath(d));
  await step('harp', 'harp', (d) => gen.writeHarp(d));
  await step('omni_math', 'omni_math', (d) => gen.writeOmni(d));
  gen.tracked = [];
  await step('numinamath', 'numinamath', (d) => gen.writeNumina(d));
} else {
  gen.registerFixedSources();
  gen.tracked = [];
  await step('openmathinstruct2', 'openmathinstruct2', (d) => gen.writeOmi(d, opts.omiOnlyRows));
}
const keys = Float64Array.from(gen.tracked ?? []);
parentPort!.postMessage({ files, timings, snapshot: gen.snapshot(), keys }, [keys.buffer]);
