import { z } from 'zod';
import { FetchError } from './errors.ts';
import { getJson, type HttpContext } from './http.ts';

/** One file of a dataset repo at a commit, as the Hub's tree API describes it. */
export interface HubFile {
  path: string;
  size: number;
  /** Git blob sha1 of what git stores: the LFS pointer for LFS files, the content otherwise. */
  oid: string;
  /** Present for LFS/Xet files: sha256 and size of the real content. */
  lfs?: { oid: string; size: number };
}

const TreeEntry = z.looseObject({
  type: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative().optional(),
  oid: z.string().optional(),
  lfs: z.looseObject({ oid: z.string(), size: z.number().int().nonnegative() }).optional(),
});

const RevisionInfo = z.looseObject({
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  siblings: z.array(z.looseObject({ rfilename: z.string() })).optional(),
});

/** Repo ids keep their slash; revisions such as `refs/convert/parquet` are one encoded segment. */
export function datasetApiUrl(endpoint: string, repo: string, ...rest: string[]): string {
  return `${endpoint}/api/datasets/${repo}/${rest.join('/')}`;
}

export function resolveUrl(endpoint: string, repo: string, revision: string, path: string): string {
  const encPath = path.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/datasets/${repo}/resolve/${encodeURIComponent(revision)}/${encPath}`;
}

/** Branch or tag to commit sha, so the lock file pins bytes rather than a moving name. */
export async function resolveRevision(ctx: HttpContext, repo: string, revision: string): Promise<string> {
  const url = datasetApiUrl(ctx.endpoint, repo, 'revision', encodeURIComponent(revision));
  const { json } = await getJson(ctx, url);
  const parsed = RevisionInfo.safeParse(json);
  if (!parsed.success) {
    throw new FetchError('http', `unexpected answer from ${url}: no commit sha`, { retryable: false });
  }
  return parsed.data.sha;
}

/** The tree API is paginated with `Link: <...>; rel="next"`; cap pages so a bad server cannot loop us. */
const MAX_TREE_PAGES = 10_000;

export async function listFiles(ctx: HttpContext, repo: string, commit: string): Promise<HubFile[]> {
  let url: string | undefined = `${datasetApiUrl(ctx.endpoint, repo, 'tree', encodeURIComponent(commit))}?recursive=true`;
  const files: HubFile[] = [];
  for (let page = 0; url !== undefined; page++) {
    if (page >= MAX_TREE_PAGES) throw new FetchError('http', `tree listing of ${repo} exceeded ${MAX_TREE_PAGES} pages`);
    const { json, headers } = await getJson(ctx, url);
    const entries = z.array(TreeEntry).safeParse(json);
    if (!entries.success) throw new FetchError('http', `unexpected tree listing from ${url}`);
    for (const e of entries.data) {
      if (e.type !== 'file') continue;
      if (e.size === undefined || e.oid === undefined) throw new FetchError('http', `tree entry ${e.path} from ${url} lacks size/oid`);
      files.push({ path: e.path, size: e.size, oid: e.oid, ...(e.lfs ? { lfs: { oid: e.lfs.oid, size: e.lfs.size } } : {}) });
    }
    const next = nextLink(headers.get('link'));
    url = next === undefined ? undefined : new URL(next, url).toString();
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}
