import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError, toFetchError } from './errors.ts';

export interface RetryPolicy {
  /** Total tries, including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half fixed, half random, so many clients that fail
 * together do not retry together, yet no retry is immediate. `Retry-After` wins when larger.
 */
export function backoffDelay(policy: RetryPolicy, failedAttempt: number, retryAfterMs?: number, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  const delay = exp / 2 + (random() * exp) / 2;
  return Math.min(policy.maxDelayMs, Math.max(delay, retryAfterMs ?? 0));
}

export async function withRetry<T>(
  policy: RetryPolicy,
  what: string,
  fn: (attempt: number) => Promise<T>,
  onRetry?: (err: FetchError, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (raw) {
      const err = toFetchError(raw, what);
      if (!err.retryable || attempt >= policy.attempts) {
        if (err.retryable && attempt > 1) {
          throw new FetchError(err.kind, `${err.message} (gave up after ${attempt} attempts)`, {
            source: err.source,
            file: err.file,
            status: err.status,
            cause: err,
          });
        }
        throw err;
      }
      const delay = backoffDelay(policy, attempt, err.retryAfterMs);
      onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}
