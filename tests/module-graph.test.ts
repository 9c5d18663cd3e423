import { cruise, type IForbiddenRuleType, type ICruiseResult } from 'dependency-cruiser';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers.ts';

/**
 * The layering the README promises, checked on the real import graph (dependency-cruiser; swc
 * parses the TypeScript, type-only imports included, since TypeScript 7 has no JS API).
 */
const RULES: IForbiddenRuleType[] = [
  { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  { name: 'pipeline-only-from-cli-scripts-tests', severity: 'error', from: { pathNot: '^(pipeline|bin|scripts|tests)/' }, to: { path: '^pipeline/' } },
  { name: 'cli-is-the-top', severity: 'error', from: { path: '^pipeline/', pathNot: '^pipeline/cli/' }, to: { path: '^pipeline/cli/' } },
  { name: 'checker-stands-alone', severity: 'error', from: { path: '^checker/' }, to: { path: '^(pipeline|filters|sources|schemas|scripts|tests|bin)/' } },
  { name: 'no-unresolved', severity: 'error', from: {}, to: { couldNotResolve: true } },
];

async function violations(dirs: string[], baseDir: string): Promise<{ graph: ICruiseResult; found: string[] }> {
  const r = await cruise(dirs, {
    baseDir,
    parser: 'swc',
    tsPreCompilationDeps: true,
    exclude: { path: '(^|/)node_modules/|^tests/fixtures/' },
    doNotFollow: { path: 'node_modules' },
    validate: true,
    ruleSet: { forbidden: RULES },
  });
  const graph = r.output as ICruiseResult;
  return { graph, found: graph.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort() };
}

describe('module graph', () => {
  it('has no cycle and no import across the README layering', async () => {
    const { graph, found } = await violations(['bin', 'checker', 'filters', 'pipeline', 'schemas', 'scripts', 'sources', 'tests'], ROOT);
    expect(found).toEqual([]);
    // the graph is real: the CLI's on-demand import of the run and the worker's import are seen
    const deps = (from: string) => graph.modules.find((m) => m.source === from)?.dependencies.map((d) => d.resolved) ?? [];
    expect(deps('pipeline/cli/run-command.ts')).toContain('pipeline/run/run.ts');
    expect(deps('pipeline/process/record-worker.ts')).toContain('pipeline/process/chunk-job.ts');
    expect(graph.modules.filter((m) => m.source.endsWith('.ts')).length).toBeGreaterThan(200);
  }, 120_000);

  it('reports a planted cycle and planted layering breaks', async () => {
    const { found } = await violations(['.'], join(FIXTURES, 'module-graph'));
    expect(found).toEqual([
      'checker-stands-alone: checker/uses-schema.ts -> schemas/s.ts',
      'no-circular: pipeline/x.ts -> pipeline/y.ts',
      'pipeline-only-from-cli-scripts-tests: filters/uses-pipeline.ts -> pipeline/x.ts',
    ]);
  }, 120_000);
});
