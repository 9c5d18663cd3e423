/**
 * Every failure of `bigmath fetch` is a FetchError so the CLI can map it to exit code 2 and
 * print one line that names the source and the file, which is what a user needs to act on.
 */
export type FetchErrorKind =
  | 'usage'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'http'
  | 'network'
  | 'integrity'
  | 'offline_miss';

export interface FetchErrorInit {
  source?: string;
  file?: string;
  /** Transient failures (network, 5xx, 429) are retried with backoff; the others are final. */
  retryable?: boolean;
  retryAfterMs?: number;
  status?: number;
  cause?: unknown;
}

export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly source: string | undefined;
  readonly file: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(kind: FetchErrorKind, message: string, init: FetchErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'FetchError';
    this.kind = kind;
    this.source = init.source;
    this.file = init.file;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.status = init.status;
  }

  /** The same error, attributed to a source/file, so low-level code need not know them. */
  withContext(source: string, file?: string): FetchError {
    if (this.source !== undefined) return this;
    const f = this.file ?? file;
    const where = f === undefined ? source : `${source}: ${f}`;
    return new FetchError(this.kind, `${where}: ${this.message}`, {
      source,
      file: this.file ?? file,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
      cause: this.cause,
    });
  }
}

/** Wraps anything thrown by fetch/undici/fs into a FetchError; network-level errors are retryable. */
export function toFetchError(err: unknown, what: string): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code;
  const detail = [e?.message, e?.cause?.message].filter(Boolean).join(': ') || String(err);
  if (typeof code === 'string' && (code.startsWith('ENO') || code === 'EACCES' || code === 'EISDIR' || code === 'EROFS')) {
    // Local filesystem problems are not fixed by retrying the download.
    return new FetchError('usage', `${what}: ${detail}`, { cause: err });
  }
  return new FetchError('network', `${what}: ${detail}${code ? ` (${code})` : ''}`, { retryable: true, cause: err });
}
