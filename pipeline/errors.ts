/** A mistake in how a command was called or in its input (a flag, a config value, an out dir): exit code 2 with the message. Lives here, below the run, the audit and the CLI that all raise it. */
export class UsageError extends Error {}

/** Writing an output failed (disk full, permissions): exit 2 naming the file; nothing is marked complete. */
export class OutputError extends Error {
  constructor(file: string, cause: unknown) {
    const e = cause as NodeJS.ErrnoException;
    const why = e?.code === 'ENOSPC' ? 'no space left on device' : e?.code === 'EACCES' || e?.code === 'EROFS' ? 'not writable' : (e?.message ?? String(cause));
    super(`cannot write ${file}: ${why}`);
  }
}
