import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * PATH as a user's shell has it: without the node_modules/.bin folders that npm and npx put in
 * front (they hold the project's Node 24), so `node` and `npm` are the system's.
 */
export const SYSTEM_PATH = (process.env.PATH ?? '').split(delimiter).filter((d) => !d.includes('node_modules')).join(delimiter);

function onPath(name: string): string | null {
  for (const dir of SYSTEM_PATH.split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** The system `node` when it is older than the project's Node 24 (null otherwise). */
export const OLD_NODE: string | null = (() => {
  const node = onPath('node');
  if (!node) return null;
  const v = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  return Number(v.split('.')[0]) < 24 ? node : null;
})();

export const SYSTEM_ENV = { ...process.env, PATH: SYSTEM_PATH };
