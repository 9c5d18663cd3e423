import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While a run is going: Ctrl-C, `kill` or a closed terminal stops it with one line that says how
 * to go on. Finished tasks keep their markers in DIR/.work and the lock goes with the process
 * (see run/lock.ts), so the same command resumes. Further signals (Ctrl-C reaches the wrapper of
 * bin/bigmath.js and the run alike, and the wrapper forwards it) are ignored. Returns the undo.
 */
export function stopOnSignal(out: string, write: (s: string) => void = (s) => process.stderr.write(s)): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    write(`\nbigmath: run stopped (${signal}); finished tasks are kept in ${out}/.work: run the same command again (or add --resume) to continue\n`);
    process.exit(128 + constants.signals[signal]);
  };
  for (const s of SIGNALS) process.on(s, handler);
  return () => {
    for (const s of SIGNALS) process.off(s, handler);
  };
}
