import { Worker } from 'node:worker_threads';
import { sha256File } from '../write/sha256-file.ts';

/** The sha256 of the input files, being computed off the main thread. */
export interface InputHashes {
  /** The hashes in the order of the paths given; rejects as `sha256File` would for a file that cannot be read. */
  all(): Promise<string[]>;
  /** Ends the worker early (the run failed before the manifest). */
  stop(): Promise<void>;
}

/**
 * Starts hashing `paths` on a worker thread. The manifest needs the hash of every input (~1 GB,
 * 1-3 s of one core at scale 1); hashed after the write stage they delayed the end of the run,
 * hashed on a worker while the run goes on they are ready when the manifest is written.
 *
 * A file the worker could not read, or every file if the worker died, is hashed again on the
 * calling thread when `all()` is awaited: a vanished input fails there with the same error, at
 * the same point of the run, as when the run hashed its inputs itself.
 */
export function hashInBackground(paths: readonly string[]): InputHashes {
  const worker = new Worker(new URL('./input-hash-worker.ts', import.meta.url), { workerData: paths });
  const none = () => paths.map(() => null);
  const fromWorker = new Promise<(string | null)[]>((resolve) => {
    worker.once('message', resolve);
    // whichever comes first settles the promise: a worker that ends without an answer leaves it all to all()
    worker.once('error', () => resolve(none()));
    worker.once('exit', () => resolve(none()));
  });
  return {
    async all() {
      const got = await fromWorker;
      const out: string[] = [];
      for (let i = 0; i < paths.length; i++) out.push(got[i] ?? (await sha256File(paths[i])));
      return out;
    },
    async stop() {
      await worker.terminate();
    },
  };
}
