import { parentPort, workerData } from 'node:worker_threads';
import { sha256File } from '../write/sha256-file.ts';

/**
 * Worker thread of `hashInBackground`: hashes the files it is given in order and posts one array
 * back, null where a file could not be read (the main thread hashes that one again itself, so
 * the error the run reports is the one a direct `sha256File` throws).
 */
const hashes: (string | null)[] = [];
for (const path of workerData as string[]) {
  try {
    hashes.push(await sha256File(path));
  } catch {
    hashes.push(null);
  }
}
parentPort!.postMessage(hashes);
