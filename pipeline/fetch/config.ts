import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Same defaults and variables as the official Hub clients, so mirrors and tokens just work. */
export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';

export type Env = Readonly<Record<string, string | undefined>>;

export function hubEndpoint(env: Env = process.env): string {
  const raw = env.HF_ENDPOINT?.trim() || DEFAULT_HF_ENDPOINT;
  return raw.replace(/\/+$/, '');
}

/** `HUGGING_FACE_HUB_TOKEN` is the older name still set by many CI setups. */
export function hubToken(env: Env = process.env): string | undefined {
  return env.HF_TOKEN?.trim() || env.HUGGING_FACE_HUB_TOKEN?.trim() || undefined;
}

/** `--cache-dir` beats `BIGMATH_CACHE` beats `$XDG_CACHE_HOME/bigmath` (`~/.cache/bigmath`). */
export function resolveCacheDir(explicit: string | undefined, env: Env = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.BIGMATH_CACHE?.trim()) return resolve(env.BIGMATH_CACHE.trim());
  const xdg = env.XDG_CACHE_HOME?.trim();
  return join(xdg || join(homedir(), '.cache'), 'bigmath');
}
