#!/usr/bin/env node
// Entry point of the `bigmath` binary. In the repository the project runs as TypeScript on Node 24
// (type stripping); when started by an older system Node, re-run on the Node 24 that `npm ci` put in
// node_modules. The published package (bigmath-cli) ships compiled JavaScript: Node does not strip
// types from files under node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../pipeline/cli/main.js', import.meta.url));
const main = existsSync(compiled) ? compiled : fileURLToPath(new URL('../pipeline/cli/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  // main.ts runs itself only as the process entry (import.meta.main), so it is called here.
  const { main: run } = await import(main);
  process.exitCode = await run(process.argv.slice(2));
} else {
  const node = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(node)) {
    console.error('bigmath needs Node 24 or newer (in the repository, `npm ci` installs it from the npm registry).');
    process.exit(2);
  }
  const r = spawnSync(node, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 2);
}
