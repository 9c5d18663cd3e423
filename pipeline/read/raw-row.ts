/**
 * One upstream row as read from a file, before any adapter sees it. A row that could not be
 * decoded carries `error` instead of `value`, so the pipeline can log it as `malformed_row`
 * (naming file and line) rather than drop it or crash.
 */
export type RawRow =
  | { file: string; row: number; value: Record<string, unknown>; relativePath?: string }
  | { file: string; row: number; error: string; relativePath?: string };

/** A file-level failure (unreadable, wrong format): the run stops with exit code 2 naming the file. */
export class InputFileError extends Error {
  readonly file: string;
  /** The message without the file name (to raise the same error again on another thread). */
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.file = file;
    this.problem = problem;
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
