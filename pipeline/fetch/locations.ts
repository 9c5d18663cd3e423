import type { SourceAdapter } from '../../sources/adapter.ts';
import { FetchError } from './errors.ts';

/** All fetch needs of an adapter; tests pass plain objects. */
export type LocatedSource = Pick<SourceAdapter, 'name' | 'location'>;

/** The source `--math-repo` applies to: hendrycks MATH moved after a takedown, so its repo varies. */
export const MATH_SOURCE = 'math';

export interface LocationOverrides {
  /** Branch, tag or commit for Hub sources; fills `{revision}` in URL sources. */
  revision?: string;
  /** Fills `{split}` / `{split=default}` in the location's file patterns. */
  split?: string;
  /** Per-source repo id replacements; `--math-repo` sets `repos.math`. */
  repos?: Readonly<Record<string, string>>;
}

export interface ResolvedLocation {
  source: string;
  kind: 'hf_dataset' | 'url';
  /** Hub repo id, or the final download URL. */
  repo: string;
  /** Requested revision (Hub: defaults to `main`; URL: only when the URL template uses it). */
  revision?: string;
  /** Hub file patterns with the split filled in; for URLs, the single file name. */
  patterns: string[];
}

const SPLIT = /\{split(?:=([^}]*))?\}/g;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Applies CLI/API overrides to an adapter's declared location. `strict` (a single named source)
 * rejects overrides the source cannot use; `fetch all` applies them only where they fit.
 */
export function resolveLocation(src: LocatedSource, o: LocationOverrides = {}, strict = true): ResolvedLocation {
  const loc = src.location;
  const fail = (msg: string) => new FetchError('usage', `${src.name}: ${msg}`, { source: src.name });
  const repo = o.repos?.[src.name] ?? loc.repo;

  if (o.split !== undefined && !SAFE_NAME.test(o.split)) throw fail(`invalid split name ${JSON.stringify(o.split)}`);
  const declared = loc.files ?? [];
  const hasSplit = declared.some((p) => p.match(SPLIT) !== null);
  if (o.split !== undefined && !hasSplit && strict) {
    throw fail('this source has no splits to choose from (its file patterns have no {split} placeholder)');
  }

  if (loc.kind === 'url') {
    const usesRevision = repo.includes('{revision}');
    const revision = o.revision ?? loc.revision;
    if (usesRevision && revision === undefined) throw fail(`URL ${repo} needs a revision (--revision)`);
    if (!usesRevision && o.revision !== undefined && strict) throw fail('its URL is fixed; --revision does not apply');
    const url = usesRevision ? repo.replaceAll('{revision}', encodeURIComponent(revision!)) : repo;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw fail(`invalid URL ${url}`);
    }
    const fileName = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
    if (!fileName || !SAFE_NAME.test(fileName)) throw fail(`cannot derive a file name from ${url}`);
    return { source: src.name, kind: 'url', repo: url, ...(usesRevision ? { revision } : {}), patterns: [fileName] };
  }

  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw fail(`invalid Hub dataset id ${JSON.stringify(repo)} (expected owner/name)`);
  const patterns = (declared.length > 0 ? declared : ['**']).map((p) =>
    p.replace(SPLIT, (_m, dflt: string | undefined) => {
      const split = o.split ?? dflt;
      if (split === undefined || split === '') throw fail(`pattern ${p} needs a split (--split)`);
      return split;
    }),
  );
  return { source: src.name, kind: 'hf_dataset', repo, revision: o.revision ?? loc.revision ?? 'main', patterns };
}

/** The registry is imported lazily so the fetch code (and its tests) load without every adapter. */
export async function registeredSources(): Promise<readonly LocatedSource[]> {
  const { ADAPTERS } = await import('../../sources/registry.ts');
  return ADAPTERS;
}
