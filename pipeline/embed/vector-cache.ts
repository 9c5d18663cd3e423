import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/** Bytes of a vector's key: the first 16 bytes of sha256(model, text). */
const KEY_BYTES = 16;

/** The cache key of `text` embedded by `model` (hex of 16 bytes: collisions are out of reach). */
export function vectorKey(model: string, text: string): string {
  return createHash('sha256').update(model).update('\x1f').update(text).digest('hex').slice(0, KEY_BYTES * 2);
}

/**
 * Embedding vectors on disk, append-only binary files under `cache/` (one per process that wrote,
 * named by start time and pid). A record is
 * `key (16 bytes) | dim (uint32 LE) | dim x float32 LE | crc32 (uint32 LE) of what precedes it`,
 * 4 x dim + 24 bytes, a quarter of the same vector as JSON text. A batch is written with one
 * synchronous write as soon as its answer arrives, so a `kill -9` loses only requests in flight;
 * a record torn by a kill inside the write fails its length or CRC check and ends the reading of
 * that file (later writes go to a new file, so nothing follows a torn record).
 */
export class VectorCache {
  private readonly dir: string;
  private readonly fileName: string;
  private fd: number | null = null;

  constructor(dir: string, fileName: string) {
    this.dir = dir;
    this.fileName = fileName;
  }

  /** Every intact vector whose key is in `wanted` (files in name order; the first copy wins). */
  load(wanted: ReadonlySet<string>): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    if (!existsSync(this.dir)) return out;
    for (const f of readdirSync(this.dir).filter((n) => n.endsWith('.vec')).sort()) {
      const buf = readFileSync(join(this.dir, f));
      for (let at = 0; at + KEY_BYTES + 8 <= buf.length; ) {
        const dim = buf.readUInt32LE(at + KEY_BYTES);
        const end = at + KEY_BYTES + 4 + dim * 4;
        if (dim === 0 || end + 4 > buf.length || crc32(buf.subarray(at, end)) !== buf.readUInt32LE(end)) break; // torn tail
        const key = buf.toString('hex', at, at + KEY_BYTES);
        if (wanted.has(key) && !out.has(key)) {
          const v = new Float32Array(dim);
          for (let d = 0; d < dim; d++) v[d] = buf.readFloatLE(at + KEY_BYTES + 4 + d * 4);
          out.set(key, v);
        }
        at = end + 4;
      }
    }
    return out;
  }

  /** Appends vectors (one write for the whole batch). */
  append(keys: readonly string[], vectors: readonly Float32Array[]): void {
    let size = 0;
    for (const v of vectors) size += KEY_BYTES + 8 + v.length * 4;
    const buf = Buffer.alloc(size);
    let at = 0;
    keys.forEach((key, i) => {
      const v = vectors[i];
      const start = at;
      buf.write(key, at, KEY_BYTES, 'hex');
      buf.writeUInt32LE(v.length, at + KEY_BYTES);
      at += KEY_BYTES + 4;
      for (let d = 0; d < v.length; d++, at += 4) buf.writeFloatLE(v[d], at);
      buf.writeUInt32LE(crc32(buf.subarray(start, at)), at);
      at += 4;
    });
    if (this.fd === null) {
      mkdirSync(this.dir, { recursive: true });
      this.fd = openSync(join(this.dir, this.fileName), 'a');
    }
    writeSync(this.fd, buf);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
