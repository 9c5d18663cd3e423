#!/usr/bin/env node
// Entry point of the `bigmath` binary. The project runs on Node 24 (TypeScript type stripping);
// when started by an older system Node, re-run on the Node 24 that `npm ci` put in node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../pipeline/cli/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  await import(main);
} else {
  const node = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(node)) {
    console.error('bigmath needs Node 24: run `npm ci` in the project first (it installs Node 24 from the npm registry).');
    process.exit(2);
  }
  const r = spawnSync(node, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 2);
}
