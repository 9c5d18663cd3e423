import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface FileDigest {
  size: number;
  sha256: string;
  /** Git blob sha1: the Hub's `oid` for files not stored in LFS, which have no sha256 there. */
  gitSha1: string;
}

/** One read pass for both digests; partial files can be many GB. */
export async function digestFile(path: string, onBytes?: (n: number) => void): Promise<FileDigest> {
  const { size } = await stat(path);
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    sha256.update(chunk as Buffer);
    sha1.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return { size, sha256: sha256.digest('hex'), gitSha1: sha1.digest('hex') };
}

/** `x-linked-etag`/`etag` values come quoted and sometimes weak (`W/"..."`). */
export function cleanEtag(v: string | null): string | undefined {
  if (!v) return undefined;
  return v.replace(/^W\//, '').replace(/^"|"$/g, '') || undefined;
}
