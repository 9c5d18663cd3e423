import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { safeJoin } from './cache.ts';
import { FetchError } from './errors.ts';

/**
 * A minimal zip reader (stored and deflate entries, no zip64, no encryption): enough for release
 * archives such as HARP.jsonl.zip, without a dependency. Entries are streamed, never held in memory.
 */
export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;

export async function listZip(path: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    // The end record is 22 bytes plus a comment of at most 65535 bytes.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw bad(path, 'no end-of-central-directory record (not a zip, or truncated)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw bad(path, 'zip64 archives are not supported');
    if (cdOffset + cdSize > size) throw bad(path, 'central directory lies outside the file');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH_SIG) throw bad(path, `corrupt central directory at entry ${i}`);
      const flags = cd.readUInt16LE(p + 8);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      if (flags & 1) throw bad(path, `entry ${name} is encrypted`);
      entries.push({
        name,
        method: cd.readUInt16LE(p + 10),
        crc32: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Directory entries and macOS resource forks are archive noise, not data. */
export function isDataEntry(name: string): boolean {
  return !name.endsWith('/') && !name.startsWith('__MACOSX/') && !/(^|\/)\.DS_Store$/.test(name);
}

export interface ExtractedFile {
  path: string;
  size: number;
  sha256: string;
}

export async function extractZip(zipPath: string, destDir: string): Promise<ExtractedFile[]> {
  const out: ExtractedFile[] = [];
  for (const e of await listZip(zipPath)) {
    if (!isDataEntry(e.name)) continue;
    if (e.method !== 0 && e.method !== 8) throw bad(zipPath, `entry ${e.name} uses compression method ${e.method}; only stored and deflate are supported`);
    const dest = safeJoin(destDir, e.name);
    const start = await dataOffset(zipPath, e);
    await mkdir(dirname(dest), { recursive: true });
    const tmp = `${dest}.extracting`;
    let crc = 0;
    let size = 0;
    const sha = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        sha.update(chunk);
        cb(null, chunk);
      },
    });
    // createReadStream cannot express an empty range (end is inclusive).
    const source = e.compressedSize === 0 ? Readable.from([]) : createReadStream(zipPath, { start, end: start + e.compressedSize - 1 });
    try {
      if (e.method === 8 && e.compressedSize > 0) {
        await pipeline(source, createInflateRaw(), tap, createWriteStream(tmp));
      } else {
        await pipeline(source, tap, createWriteStream(tmp));
      }
    } catch (err) {
      await rm(tmp, { force: true });
      throw bad(zipPath, `cannot extract ${e.name}: ${(err as Error).message}`);
    }
    if (size !== e.size || crc >>> 0 !== e.crc32) {
      await rm(tmp, { force: true });
      throw bad(zipPath, `entry ${e.name} fails its CRC/size check`);
    }
    await rename(tmp, dest);
    out.push({ path: e.name, size, sha256: sha.digest('hex') });
  }
  return out;
}

async function dataOffset(zipPath: string, e: ZipEntry): Promise<number> {
  const fh = await open(zipPath, 'r');
  try {
    const h = Buffer.alloc(30);
    const { bytesRead } = await fh.read(h, 0, 30, e.localHeaderOffset);
    if (bytesRead < 30 || h.readUInt32LE(0) !== LFH_SIG) throw bad(zipPath, `bad local header for ${e.name}`);
    return e.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  } finally {
    await fh.close();
  }
}

function bad(path: string, why: string): FetchError {
  return new FetchError('integrity', `${path}: ${why}`);
}
