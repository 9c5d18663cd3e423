/**
 * A local stand-in for the Hugging Face Hub (API + resolve) and its CDN, bound to 127.0.0.1.
 * The CDN is a second server (another origin) so tests can check the token never reaches it.
 * Misbehaviours are per file, to script interrupted, corrupt, dropped and stalled transfers.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  | 'truncate-once' // first transfer sends about half the bytes, then drops the connection
  | 'drop-always' // every CDN request has its connection destroyed before any response
  | 'corrupt' // serves bytes that do not match the published sha256
  | 'fail-503-once' // first request answers 503 with Retry-After: 0
  | 'stall-once' // first transfer sends some bytes, then goes silent
  | 'ignore-range' // answers 200 with the whole file even to Range requests
  | 'missing' // listed in the tree, but resolve answers 404 (EntryNotFound)
  | 'slow' // sends 16 KB every 40 ms
  | 'hang-once'; // first request never gets response headers

export interface FixtureFile {
  path: string;
  content: Buffer;
  /** Stored in LFS: tree entry has `lfs`, resolve redirects to the CDN with x-linked-* headers. */
  lfs?: boolean;
  behaviour?: Behaviour;
}

export interface FixtureRepo {
  id: string;
  /** Branch name -> commit sha; the first branch is `main` unless told otherwise. */
  branches: Record<string, string>;
  /** Files per commit sha. */
  commits: Record<string, FixtureFile[]>;
  gated?: boolean;
}

export interface RecordedRequest {
  server: 'hub' | 'cdn';
  method: string;
  url: string;
  range?: string;
  authorization?: string;
}

export interface HubServer {
  url: string;
  cdnUrl: string;
  token: string;
  requests: RecordedRequest[];
  repos: FixtureRepo[];
  /** Files served from the CDN origin as plain URLs (GitHub-release-like), with one redirect. */
  urlFiles: Map<string, FixtureFile>;
  close(): Promise<void>;
}

export interface HubServerOptions {
  repos: FixtureRepo[];
  urlFiles?: Record<string, FixtureFile>;
  /** Small pages exercise `Link: rel="next"` pagination. */
  treePageSize?: number;
  token?: string;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const gitSha1 = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

/** Deterministic pseudo-random bytes, so fixtures of any size need no files on disk. */
export function bytes(n: number, seed: string): Buffer {
  const out = Buffer.alloc(n);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < n; i += 32) {
    block.copy(out, i, 0, Math.min(32, n - i));
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

export async function startHubServer(opts: HubServerOptions): Promise<HubServer> {
  const token = opts.token ?? 'hf_test_token';
  const pageSize = opts.treePageSize ?? 1000;
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>(); // behaviour bookkeeping: CDN requests per file
  const urlFiles = new Map(Object.entries(opts.urlFiles ?? {}));
  let cdnBase = '';

  const record = (server: 'hub' | 'cdn', req: IncomingMessage) =>
    requests.push({
      server,
      method: req.method ?? 'GET',
      url: req.url ?? '',
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });

  const findRepo = (id: string) => opts.repos.find((r) => r.id === id);
  const commitOf = (repo: FixtureRepo, rev: string) => repo.branches[rev] ?? (repo.commits[rev] ? rev : undefined);

  const hubError = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-error-code': code, 'x-error-message': message });
    res.end(JSON.stringify({ error: message }));
  };

  /** Gated repos and unknown repos look alike to anonymous callers, as on the real Hub. */
  const authorize = (req: IncomingMessage, res: ServerResponse, repo: FixtureRepo | undefined): repo is FixtureRepo => {
    const auth = req.headers.authorization;
    if (auth !== undefined && auth !== `Bearer ${token}`) {
      hubError(res, 401, 'InvalidCredentials', 'Invalid credentials in Authorization header');
      return false;
    }
    if (!repo) {
      if (auth) hubError(res, 404, 'RepoNotFound', 'Repository not found');
      else hubError(res, 401, 'RepoNotFound', 'Repository not found');
      return false;
    }
    if (repo.gated && !auth) {
      hubError(res, 401, 'GatedRepo', 'Access to this dataset is restricted. You must be authenticated to access it.');
      return false;
    }
    return true;
  };

  const hub = createServer((req, res) => {
    record('hub', req);
    const u = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(u.pathname);
    let m = /^\/api\/datasets\/([^/]+\/[^/]+)\/revision\/(.+)$/.exec(u.pathname);
    if (m) {
      const repo = findRepo(m[1]);
      if (!authorize(req, res, repo)) return;
      const rev = decodeURIComponent(m[2]);
      const commit = commitOf(repo, rev);
      if (!commit) return hubError(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ id: repo.id, sha: commit, siblings: repo.commits[commit].map((f) => ({ rfilename: f.path })) }));
    }
    m = /^\/api\/datasets\/([^/]+\/[^/]+)\/tree\/([^/]+)$/.exec(u.pathname);
    if (m) {
      const repo = findRepo(m[1]);
      if (!authorize(req, res, repo)) return;
      const rev = decodeURIComponent(m[2]);
      const commit = commitOf(repo, rev);
      if (!commit) return hubError(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
      const entries = treeEntries(repo.commits[commit]);
      const start = Number(u.searchParams.get('cursor') ?? 0);
      const page = entries.slice(start, start + pageSize);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (start + pageSize < entries.length) {
        const next = new URL(u.toString());
        next.searchParams.set('cursor', String(start + pageSize));
        headers.link = `<${next.pathname}${next.search}>; rel="next"`;
      }
      res.writeHead(200, headers);
      return res.end(JSON.stringify(page));
    }
    m = /^\/datasets\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(u.pathname);
    if (m) {
      const repo = findRepo(m[1]);
      if (!authorize(req, res, repo)) return;
      const commit = commitOf(repo, decodeURIComponent(m[2]));
      const filePath = decodeURIComponent(m[3]);
      const file = commit ? repo.commits[commit].find((f) => f.path === filePath) : undefined;
      if (!commit || !file || file.behaviour === 'missing') return hubError(res, 404, 'EntryNotFound', `${filePath} does not exist on "${m[2]}"`);
      if (!file.lfs) return serveBytes(req, res, `${repo.id}/${commit}/${file.path}`, file, { 'x-repo-commit': commit, etag: `"${gitSha1(file.content)}"` });
      res.writeHead(302, {
        location: `${cdnBase}/cdn/${repo.id}/${commit}/${file.path.split('/').map(encodeURIComponent).join('/')}?X-Amz-Signature=fake`,
        'x-repo-commit': commit,
        'x-linked-size': String(file.content.length),
        'x-linked-etag': `"${sha256(file.content)}"`,
        etag: `"${gitSha1(pointer(file.content))}"`,
      });
      return res.end();
    }
    void path;
    hubError(res, 404, 'NotFound', `no route for ${u.pathname}`);
  });

  const cdn = createServer((req, res) => {
    record('cdn', req);
    const u = new URL(req.url ?? '/', 'http://x');
    let m = /^\/cdn\/([^/]+\/[^/]+)\/([0-9a-f]{40})\/(.+)$/.exec(u.pathname);
    if (m) {
      const repo = findRepo(m[1]);
      const file = repo?.commits[m[2]]?.find((f) => f.path === decodeURIComponent(m![3]));
      if (!file) return hubError(res, 404, 'NoSuchKey', 'not found');
      return serveBytes(req, res, `${m[1]}/${m[2]}/${file.path}`, file, {});
    }
    m = /^\/gh\/(.+)$/.exec(u.pathname);
    if (m && urlFiles.has(m[1])) {
      res.writeHead(302, { location: `/media/${m[1]}` });
      return res.end();
    }
    m = /^\/media\/(.+)$/.exec(u.pathname);
    if (m && urlFiles.has(m[1])) return serveBytes(req, res, `url:${m[1]}`, urlFiles.get(m[1])!, {});
    res.writeHead(404);
    res.end('Not Found');
  });

  function serveBytes(req: IncomingMessage, res: ServerResponse, key: string, file: FixtureFile, extra: Record<string, string>) {
    const n = (served.get(key) ?? 0) + 1;
    served.set(key, n);
    const b = file.behaviour;
    if (b === 'drop-always') return req.socket.destroy();
    if (b === 'hang-once' && n === 1) return;
    if (b === 'fail-503-once' && n === 1) {
      res.writeHead(503, { 'retry-after': '0' });
      return res.end('Service Unavailable');
    }
    let body = file.content;
    if (b === 'corrupt') {
      body = Buffer.from(body);
      body[body.length >> 1] ^= 0xff;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    const headers: Record<string, string> = { ...extra, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' };
    if (range && b !== 'ignore-range') {
      start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` });
        return res.end();
      }
      headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    }
    const slice = body.subarray(start);
    headers['content-length'] = String(slice.length);
    res.writeHead(headers['content-range'] ? 206 : 200, headers);
    if (req.method === 'HEAD') return res.end();
    if ((b === 'truncate-once' || b === 'stall-once') && n === 1) {
      // Flush headers and part of the body, then misbehave.
      res.write(slice.subarray(0, slice.length >> 1), () => {
        if (b === 'truncate-once') setTimeout(() => req.socket.destroy(), 20);
      });
      return;
    }
    if (b === 'slow') {
      let off = 0;
      const tick = () => {
        if (res.destroyed) return;
        if (off >= slice.length) return void res.end();
        res.write(slice.subarray(off, off + 16_384));
        off += 16_384;
        setTimeout(tick, 40);
      };
      return tick();
    }
    res.end(slice);
  }

  const listen = (s: Server) =>
    new Promise<string>((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
  const url = await listen(hub);
  cdnBase = await listen(cdn);

  return {
    url,
    cdnUrl: cdnBase,
    token,
    requests,
    repos: opts.repos,
    urlFiles,
    close: async () => {
      for (const s of [hub, cdn]) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  };
}

function pointer(content: Buffer): Buffer {
  return Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(content)}\nsize ${content.length}\n`);
}

function treeEntries(files: FixtureFile[]) {
  const dirs = new Set<string>();
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const entries: object[] = [...dirs].sort().map((d) => ({ type: 'directory', oid: gitSha1(Buffer.from(d)), size: 0, path: d }));
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (f.lfs) {
      const p = pointer(f.content);
      // A corrupt file keeps honest metadata: the bytes are what is wrong.
      entries.push({ type: 'file', oid: gitSha1(p), size: f.content.length, path: f.path, lfs: { oid: sha256(f.content), size: f.content.length, pointerSize: p.length } });
    } else {
      entries.push({ type: 'file', oid: gitSha1(f.content), size: f.content.length, path: f.path });
    }
  }
  return entries;
}
