import { FetchError, toFetchError } from './errors.ts';

export interface HttpContext {
  /** Hub base URL (`HF_ENDPOINT`); the token is only ever sent to this origin. */
  endpoint: string;
  token: string | undefined;
  /** Time allowed until response headers arrive. */
  headersTimeoutMs: number;
  userAgent: string;
}

export interface HttpResponse {
  /** The final response, after redirects. */
  response: Response;
  /** Headers of the first response: the Hub puts `x-linked-*` and `x-repo-commit` on the 302. */
  firstHeaders: Headers;
  finalUrl: string;
}

const MAX_REDIRECTS = 10;

/**
 * GET/HEAD with redirects followed by hand, because (1) the Hub's LFS metadata headers live on
 * the 302 and `redirect: 'follow'` hides them, (2) the `Range` header must survive the hop to the
 * CDN, and (3) the token must not leak to CDN hosts, whose URLs are presigned anyway.
 */
export async function httpRequest(
  ctx: HttpContext,
  url: string,
  init: { method?: 'GET' | 'HEAD'; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<HttpResponse> {
  const authOrigin = new URL(ctx.endpoint).origin;
  let current = url;
  let firstHeaders: Headers | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = { 'user-agent': ctx.userAgent, ...init.headers };
    if (ctx.token && new URL(current).origin === authOrigin) headers.authorization = `Bearer ${ctx.token}`;
    // The deadline covers the headers only: a large body may take hours (the caller watches for stalls).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), ctx.headersTimeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
    let res: Response;
    try {
      res = await fetch(current, { method: init.method ?? 'GET', headers, redirect: 'manual', signal });
    } catch (err) {
      if (deadline.signal.aborted) {
        throw new FetchError('network', `no response within ${ctx.headersTimeoutMs} ms from ${current}`, { retryable: true });
      }
      throw toFetchError(err, `request to ${current} failed`);
    } finally {
      clearTimeout(timer);
    }
    firstHeaders ??= res.headers;
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    if (!res.ok && res.status !== 206) {
      const body = await res.text().catch(() => '');
      throw statusError(ctx, res, current, body);
    }
    return { response: res, firstHeaders, finalUrl: current };
  }
  throw new FetchError('http', `more than ${MAX_REDIRECTS} redirects from ${url}`);
}

export async function getJson(ctx: HttpContext, url: string): Promise<{ json: unknown; headers: Headers }> {
  const { response } = await httpRequest(ctx, url, { headers: { accept: 'application/json' } });
  const text = await response.text();
  try {
    return { json: JSON.parse(text), headers: response.headers };
  } catch {
    throw new FetchError('http', `invalid JSON from ${url}: ${text.slice(0, 120)}`, { retryable: true });
  }
}

/** Turns an HTTP status into the action the user has to take, using the Hub's error headers. */
function statusError(ctx: HttpContext, res: Response, url: string, body: string): FetchError {
  const hubCode = res.headers.get('x-error-code');
  const hubMessage = res.headers.get('x-error-message') ?? extractMessage(body);
  const detail = [hubCode, hubMessage].filter(Boolean).join(': ');
  const base = `HTTP ${res.status} ${res.statusText || ''}`.trim() + ` for ${url}${detail ? ` (${detail})` : ''}`;
  switch (res.status) {
    case 401:
      return new FetchError(
        'unauthorized',
        ctx.token
          ? `${base}; HF_TOKEN was sent but rejected: check that it is valid`
          : `${base}; the repo is gated, private or does not exist: set HF_TOKEN to a token with access`,
        { status: 401 },
      );
    case 403:
      return new FetchError('forbidden', `${base}; the token lacks access: accept the dataset's terms on the Hub or use another token`, {
        status: 403,
      });
    case 404:
      return new FetchError('not_found', `${base}; check the repo id, revision and file path`, { status: 404 });
    case 408:
    case 425:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return new FetchError('http', base, { status: res.status, retryable: true, retryAfterMs: retryAfter(res.headers) });
    default:
      return new FetchError('http', base, { status: res.status, retryable: res.status >= 500 });
  }
}

function extractMessage(body: string): string | undefined {
  try {
    const j = JSON.parse(body) as { error?: unknown };
    return typeof j.error === 'string' ? j.error : undefined;
  } catch {
    return body.trim().slice(0, 200) || undefined;
  }
}

function retryAfter(headers: Headers): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
