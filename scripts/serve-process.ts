import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
const ROOT = join(import.meta.dirname, '..');

/** `bigmath serve` as a child process on a free port, as a trainer would run it. */
export interface ServeProcess { url: string; child: ChildProcess; stderr: () => string; exit: Promise<number | null> }

export async function spawnServe(args: string[] = [], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { url, child, stderr: () => err, exit };
}
