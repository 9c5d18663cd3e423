/** Public surface of `bigmath fetch`, used by the CLI and by `bigmath run --fetch/--from-cache`. */
export { fetchAll, fetchSource, type FetchOptions, type FetchResult, type FetchedFile } from './fetch-source.ts';
export { cachedInputs } from './cache.ts';
export { resolveCacheDir, hubEndpoint, DEFAULT_HF_ENDPOINT } from './config.ts';
export { FetchError, type FetchErrorKind } from './errors.ts';
export { LOCK_FILE_NAME, lockPath, readLock, type LockFile } from './lockfile.ts';
export { MATH_SOURCE, resolveLocation, type LocatedSource } from './locations.ts';
export { createProgress, type Progress } from './progress.ts';
