/**
 * Fault injection for the kill-and-resume tests: when BIGMATH_CRASH_AT names this point, the
 * process kills itself with SIGKILL there, exactly as an OOM kill or power loss would.
 */
export function crashPoint(name: string): void {
  if (process.env.BIGMATH_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * For the signal tests: when BIGMATH_PAUSE_AT names this point, the run says so on stderr and
 * waits there (holding its lock, its workers alive) until a signal ends the process.
 */
export async function pausePoint(name: string): Promise<void> {
  if (process.env.BIGMATH_PAUSE_AT !== name) return;
  process.stderr.write(`bigmath: paused at ${name} (BIGMATH_PAUSE_AT)\n`);
  await new Promise(() => setInterval(() => {}, 60_000));
}
