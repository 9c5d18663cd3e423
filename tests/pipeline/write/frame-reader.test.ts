import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrameReader } from '../../../pipeline/write/frame-reader.ts';
import { tempDir } from '../../helpers.ts';

function framesFile(frames: string[], cut = 0): string {
  const bytes = Buffer.concat(frames.map((f) => {
    const b = Buffer.from(f);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    return Buffer.concat([len, b]);
  }));
  const path = join(tempDir(), 'frames.bin');
  writeFileSync(path, bytes.subarray(0, bytes.length - cut));
  return path;
}

const FRAMES = Array.from({ length: 40 }, (_, k) => `frame ${k} `.repeat(k % 7) + (k === 20 ? 'y'.repeat(100) : ''));

describe('FrameReader', () => {
  it('reads frames one at a time through a buffer smaller than some frames', () => {
    const r = new FrameReader(framesFile(FRAMES), 8);
    const got: string[] = [];
    for (;;) {
      r.release();
      const at = r.next();
      if (at < 0) break;
      got.push(r.buf.toString('utf8', r.base + at, r.base + at + r.frameLength));
    }
    r.close();
    expect(got).toEqual(FRAMES);
  });
  it('keeps every frame read since release() in the buffer, growing it as needed', () => {
    const r = new FrameReader(framesFile(FRAMES), 16);
    const batches: string[][] = [];
    for (let done = false; !done; ) {
      r.release();
      const at: [number, number][] = [];
      for (let k = 0; k < 9; k++) {
        const a = r.next();
        if (a < 0) {
          done = true;
          break;
        }
        at.push([a, r.frameLength]);
      }
      batches.push(at.map(([a, n]) => r.buf.toString('utf8', r.base + a, r.base + a + n))); // read after the whole batch
    }
    r.close();
    expect(batches.flat()).toEqual(FRAMES);
    expect(batches[0]).toHaveLength(9);
  });
  it('reports a file cut inside a frame', () => {
    const r = new FrameReader(framesFile(['complete', 'cut short'], 3), 8);
    expect(r.next()).toBeGreaterThanOrEqual(0);
    expect(() => r.next()).toThrow(/truncated frame/);
    r.close();
  });
});
