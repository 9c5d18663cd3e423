import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, type RetryPolicy } from '../fetch/retry.ts';
import { Endpoint, RequestFailure, type CompletionRequest, type CompletionResult, type EndpointOptions } from './openai-client.ts';

/** Retries of one model request: the request's own deadline bounds each try. */
export type ModelRetryPolicy = Pick<RetryPolicy, 'attempts' | 'baseDelayMs' | 'maxDelayMs'>;

export const MODEL_RETRY: ModelRetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** How long an unreachable endpoint is left alone before it is tried again. */
const DOWN_MS = 5_000;

interface Member {
  endpoint: Endpoint;
  inFlight: number;
  downUntil: number;
}

export interface FleetEvents {
  onRetry?: (failure: RequestFailure, attempt: number, delayMs: number) => void;
}

/**
 * Several servers behind one `complete` call. Each request goes to the reachable endpoint with
 * the fewest requests in flight; a refused connection marks the endpoint down for a while and the
 * request is retried elsewhere at once; 429, 5xx, timeouts, broken streams and malformed bodies
 * are retried with backoff (`Retry-After` honoured) up to the policy's attempts.
 */
/** What a stage (rollouts, judge, embed) asks of its servers. */
export interface FleetSettings {
  endpoints: string[];
  /** Requests in flight over all endpoints: each endpoint keeps its share of connections open. */
  concurrency: number;
  timeoutMs: number;
  apiKey?: string;
  retry?: ModelRetryPolicy;
  log?: (line: string) => void;
}

/** A fleet sized for `concurrency` in flight that logs its first 20 retries and every 1000th after, under `stage`. */
export function fleetFor(stage: string, s: FleetSettings): Fleet {
  const fleet: Fleet = new Fleet(
    s.endpoints,
    { connections: Math.max(1, Math.ceil(s.concurrency / s.endpoints.length)), timeoutMs: s.timeoutMs, apiKey: s.apiKey },
    s.retry ?? MODEL_RETRY,
    {
      onRetry: (f, attempt, delay) => {
        if (fleet.retries <= 20 || fleet.retries % 1000 === 0) s.log?.(`${stage}: retry ${attempt} in ${Math.round(delay)} ms after: ${f.message}`);
      },
    },
  );
  return fleet;
}

export class Fleet {
  /** Retries so far (for the stage's stats). */
  retries = 0;
  private readonly members: Member[];
  private readonly retry: ModelRetryPolicy;
  private readonly events: FleetEvents;

  constructor(urls: string[], opts: EndpointOptions, retry: ModelRetryPolicy = MODEL_RETRY, events: FleetEvents = {}) {
    this.members = urls.map((u) => ({ endpoint: new Endpoint(u, opts), inFlight: 0, downUntil: 0 }));
    this.retry = retry;
    this.events = events;
  }

  complete(req: CompletionRequest): Promise<CompletionResult> {
    return this.send((endpoint) => endpoint.complete(req));
  }

  /** Any request (`call` on the chosen endpoint) with the fleet's choice of endpoint and retries. */
  async send<T>(call: (endpoint: Endpoint) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const m = await this.pick();
      m.inFlight++;
      try {
        return await call(m.endpoint);
      } catch (e) {
        const failure = e instanceof RequestFailure ? e : new RequestFailure(String(e), { retryable: false });
        if (failure.endpointDown) m.downUntil = Date.now() + DOWN_MS;
        if (!failure.retryable || attempt >= this.retry.attempts) {
          throw new RequestFailure(`${failure.message} (gave up after ${attempt} attempt${attempt > 1 ? 's' : ''})`, { retryable: false, status: failure.status });
        }
        // Another endpoint may answer at once; the same one gets backoff.
        const elsewhere = failure.endpointDown && this.members.some((o) => o.downUntil <= Date.now());
        const delay = elsewhere ? 0 : backoffDelay(this.retry, attempt, failure.retryAfterMs);
        this.retries++;
        this.events.onRetry?.(failure, attempt, delay);
        if (delay > 0) await sleep(delay);
      } finally {
        m.inFlight--;
      }
    }
  }

  private async pick(): Promise<Member> {
    for (;;) {
      const now = Date.now();
      let best: Member | null = null;
      for (const m of this.members) if (m.downUntil <= now && (!best || m.inFlight < best.inFlight)) best = m;
      if (best) return best;
      await sleep(Math.max(1, Math.min(...this.members.map((m) => m.downUntil)) - now));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((m) => m.endpoint.close()));
  }
}
