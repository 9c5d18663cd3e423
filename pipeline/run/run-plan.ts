import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import type { InputFile } from '../read/inputs.ts';
import type { ReadTask } from './tasks.ts';

/**
 * What a run is: its config hash, its input files (path, size, mtime) and its task partition.
 * Stored in `DIR/.work/plan.json` while the run is unfinished; a resumed run must match it, so
 * it can never silently mix outputs of two configs, two input sets or two partitions.
 */
export interface RunPlan {
  config_hash: string;
  /** `path` as given (to notice a changed file), `file` relative to its --input root (as the manifest lists it). */
  inputs: { source: string; path: string; file: string; size: number; mtime_ms: number }[];
  tasks: { index: number; label: string; files: number }[];
}

export async function makePlan(configHash: string, files: InputFile[], tasks: ReadTask[]): Promise<RunPlan> {
  const inputs = [];
  for (const f of files) inputs.push({ source: f.source, path: f.path, file: f.relativePath, size: f.size, mtime_ms: Math.floor((await stat(f.path)).mtimeMs) });
  return { config_hash: configHash, inputs, tasks: tasks.map((t) => ({ index: t.index, label: t.label, files: t.files.length })) };
}

export type ResumeDecision = { kind: 'fresh' } | { kind: 'resume' };

/**
 * Decides whether the out dir holds an unfinished run of this very plan (resume), nothing or a
 * run we may replace (fresh), or another run (refuse unless `force`).
 */
export function decideResume(outDir: string, plan: RunPlan, force: boolean): ResumeDecision {
  const planPath = join(outDir, '.work', 'plan.json');
  const manifestPath = join(outDir, 'manifest.json');
  if (existsSync(planPath)) {
    let old: RunPlan | null = null;
    try {
      old = JSON.parse(readFileSync(planPath, 'utf8'));
    } catch {
      old = null; // a plan cut short by a crash: nothing of that run can be trusted
    }
    if (old && JSON.stringify(old) === JSON.stringify(plan)) return { kind: 'resume' };
    if (!force && old) throw new UsageError(`out dir ${outDir} holds an unfinished run with ${describeDiff(old, plan)}; use --force to discard it, or another --out`);
    return { kind: 'fresh' };
  }
  if (existsSync(manifestPath) && !force) {
    let oldHash: string | null = null;
    let oldInputs: string | null = null;
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { config_hash: string; inputs: { path: string }[] };
      oldHash = m.config_hash;
      oldInputs = JSON.stringify(m.inputs.map((i) => i.path));
    } catch {
      throw new UsageError(`out dir ${outDir} holds an unreadable manifest.json; use --force to overwrite it`);
    }
    if (oldHash !== plan.config_hash) throw new UsageError(`out dir ${outDir} holds a run of a different config (config_hash ${oldHash?.slice(0, 12)} vs ${plan.config_hash.slice(0, 12)}); use --force to replace it`);
    const now = plan.inputs.map((i) => i.file);
    if (oldInputs !== null && !sameInputFolders(JSON.parse(oldInputs) as string[], now)) throw new UsageError(`out dir ${outDir} holds a run of different inputs; use --force to replace it`);
  }
  return { kind: 'fresh' };
}

// the manifest collapses one-JSON-per-problem folders into one entry per folder
function sameInputFolders(old: string[], now: string[]): boolean {
  const norm = (ps: string[]) => [...new Set(ps.map((p) => (p.endsWith('.json') ? p.slice(0, p.lastIndexOf('/') + 1) : p)))].join('\n');
  return norm(old) === norm(now);
}

function describeDiff(old: RunPlan, plan: RunPlan): string {
  if (old.config_hash !== plan.config_hash) return 'a different config';
  if (JSON.stringify(old.inputs) !== JSON.stringify(plan.inputs)) return 'different inputs (files, sizes or modification times changed)';
  return 'a different task partition';
}
