import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError, toFetchError } from './errors.ts';

export interface RetryPolicy {
  /** Total tries, including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Overall deadline of one request, retries and waits included, counted from the first failure
   * since the request last made progress (a download that receives bytes is not stuck).
   */
  deadlineMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 30_000, deadlineMs: 90_000 };

/**
 * Exponential backoff with "equal jitter": half fixed, half random, so many clients that fail
 * together do not retry together, yet no retry is immediate. `Retry-After` wins when larger.
 */
export function backoffDelay(policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, failedAttempt: number, retryAfterMs?: number, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  const delay = exp / 2 + (random() * exp) / 2;
  return Math.min(policy.maxDelayMs, Math.max(delay, retryAfterMs ?? 0));
}

/**
 * Runs `fn` until it succeeds, it fails for good, the attempts are used up or the deadline would
 * pass before the next try. `fn` calls `progressed` when data arrives, which restarts the deadline.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  what: string,
  fn: (attempt: number, progressed: () => void) => Promise<T>,
  onRetry?: (err: FetchError, attempt: number, delayMs: number) => void,
  now: () => number = () => performance.now(),
): Promise<T> {
  let failingSince: number | null = null;
  const progressed = () => {
    failingSince = null;
  };
  for (let attempt = 1; ; attempt++) {
    const started = now();
    try {
      return await fn(attempt, progressed);
    } catch (raw) {
      const err = toFetchError(raw, what);
      failingSince ??= started;
      const delay = backoffDelay(policy, attempt, err.retryAfterMs);
      const late = now() + delay - failingSince >= policy.deadlineMs;
      if (!err.retryable || attempt >= policy.attempts || late) {
        if (err.retryable && (attempt > 1 || late)) {
          const tries = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
          const why = late ? `gave up after ${tries} in ${Math.round((now() - failingSince) / 1000)} s (deadline ${policy.deadlineMs / 1000} s, --timeout)` : `gave up after ${tries}`;
          throw new FetchError(err.kind, `${err.message} (${why})`, {
            source: err.source,
            file: err.file,
            status: err.status,
            cause: err,
          });
        }
        throw err;
      }
      onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}
