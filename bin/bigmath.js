#!/usr/bin/env node
// Entry point of the `bigmath` binary (`npx bigmath`, `npm link`, `node bin/bigmath.js`). The
// project runs on Node 24 (TypeScript type stripping); started by an older system Node, it re-runs
// itself on the Node 24 that `npm ci` put in node_modules and forwards signals to that run, so
// `kill -TERM` or Ctrl-C stops the real run (and its lock) instead of only this wrapper.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../pipeline/cli/main.js', import.meta.url));
const main = existsSync(compiled) ? compiled : fileURLToPath(new URL('../pipeline/cli/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  // main.ts runs itself only when it is the entry module (import.meta.main); here it is not
  const cli = await import(main);
  process.exitCode = await cli.main(process.argv.slice(2));
} else {
  const node = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(node)) {
    console.error('bigmath needs Node 24 or newer (in the repository, `npm ci` installs it from the npm registry).');
    process.exit(2);
  }
  const child = spawn(node, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl-C reaches the whole process group, the child included; forwarding it again is harmless
  // (the run reports the first signal and ignores the rest).
  const forward = (signal) => child.kill(signal);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, forward);
  child.on('error', (e) => {
    console.error(`bigmath: cannot start ${node}: ${e.message}`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}
