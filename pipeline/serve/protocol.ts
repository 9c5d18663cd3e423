import type { DecimalPolicy, RewardOptions } from '../../checker/index.ts';

/**
 * The request bodies of `bigmath serve`, validated. A body that breaks any rule is rejected whole
 * with a message naming the first bad item, so a client bug shows up at once instead of as a batch
 * of silent zero rewards.
 *
 * POST /v1/reward: [{gold, response, extract?, options?}, ...]
 * POST /v1/check:  [[gold, pred], ...] or [{gold, pred, options?}, ...] (answers, never extracted)
 */

export class RequestError extends Error {}

export interface RewardItem { gold: string; response: string; options: RewardOptions | undefined }
export interface CheckItem { gold: string; pred: string; options: RewardOptions | undefined }

const POLICIES: readonly DecimalPolicy[] = ['rounded', 'exact', 'tolerance'];
/** Sampling points per expression comparison a request may ask for (the default is 8). */
const MAX_SAMPLES = 32;
const decoder = new TextDecoder('utf-8', { fatal: true });

function parseArray(body: Uint8Array): unknown[] {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new RequestError('body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RequestError(`body is not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(value)) throw new RequestError('body must be a JSON array');
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function compareOptions(v: unknown, where: string): RewardOptions | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new RequestError(`${where}: "options" must be an object`);
  const out: RewardOptions = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'decimalPolicy') {
      if (!(POLICIES as readonly unknown[]).includes(x)) throw new RequestError(`${where}: options.decimalPolicy must be one of ${POLICIES.join(', ')}`);
      out.decimalPolicy = x as DecimalPolicy;
    } else if (k === 'relTol') {
      if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) throw new RequestError(`${where}: options.relTol must be a positive number`);
      out.relTol = x;
    } else if (k === 'minSignificantDigits' || k === 'samples') {
      // Bounded so that a request cannot buy unbounded work per pair.
      const max = k === 'samples' ? MAX_SAMPLES : 30;
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > max) throw new RequestError(`${where}: options.${k} must be an integer from 1 to ${max}`);
      out[k] = x;
    } else {
      throw new RequestError(`${where}: unknown option "${k}" (known: decimalPolicy, relTol, minSignificantDigits, samples)`);
    }
  }
  return out;
}

function checkSize(items: unknown[], maxPairs: number): void {
  if (items.length > maxPairs) throw new RequestError(`batch of ${items.length} pairs exceeds the limit of ${maxPairs}`, { cause: 'too_large' });
}

export function parseRewardBody(body: Uint8Array, maxPairs: number): RewardItem[] {
  const raw = parseArray(body);
  checkSize(raw, maxPairs);
  return raw.map((it, i) => {
    const where = `item ${i}`;
    if (!isObject(it)) throw new RequestError(`${where}: expected an object {gold, response, extract?, options?}`);
    if (typeof it.gold !== 'string') throw new RequestError(`${where}: "gold" must be a string`);
    if (typeof it.response !== 'string') throw new RequestError(`${where}: "response" must be a string`);
    if (it.extract !== undefined && it.extract !== null && typeof it.extract !== 'boolean') throw new RequestError(`${where}: "extract" must be a boolean`);
    let options = compareOptions(it.options, where);
    if (it.extract === false) options = { ...options, extract: false };
    return { gold: it.gold, response: it.response, options };
  });
}

export function parseCheckBody(body: Uint8Array, maxPairs: number): CheckItem[] {
  const raw = parseArray(body);
  checkSize(raw, maxPairs);
  return raw.map((it, i) => {
    const where = `item ${i}`;
    if (Array.isArray(it)) {
      if (it.length !== 2 || typeof it[0] !== 'string' || typeof it[1] !== 'string') throw new RequestError(`${where}: expected [gold, pred], two strings`);
      return { gold: it[0], pred: it[1], options: undefined };
    }
    if (!isObject(it) || typeof it.gold !== 'string' || typeof it.pred !== 'string') {
      throw new RequestError(`${where}: expected [gold, pred] or {gold, pred, options?} with string gold and pred`);
    }
    return { gold: it.gold, pred: it.pred, options: compareOptions(it.options, where) };
  });
}
