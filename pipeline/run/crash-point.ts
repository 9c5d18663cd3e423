/**
 * Fault injection for the kill-and-resume tests: when BIGMATH_CRASH_AT names this point, the
 * process kills itself with SIGKILL there, exactly as an OOM kill or power loss would.
 */
export function crashPoint(name: string): void {
  if (process.env.BIGMATH_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
