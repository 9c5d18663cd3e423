import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
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

const FRAMES = Array.from({ length: 40 }, (_, k) => `frame ${k} `.repeat(k % 7) + (k === 20 ? 'y'.repeat(100) : '')); // some empty, one past the buffer

describe('FrameReader', () => {
  it('reads frames through a buffer smaller than some frames, with their offsets in the file', () => {
    const path = framesFile(FRAMES);
    const file = readFileSync(path);
    const r = new FrameReader(path, 8);
    const got: string[] = [];
    for (let at = r.next(); at >= 0; at = r.next()) {
      got.push(r.buf.toString('utf8', at, at + r.frameLength));
      expect(file.toString('utf8', r.fileOffset, r.fileOffset + r.frameLength)).toBe(got.at(-1));
    }
    r.close();
    expect(got).toEqual(FRAMES);
  });
  it('reports a file cut inside a frame', () => {
    const r = new FrameReader(framesFile(['complete', 'cut short'], 3), 8);
    expect(r.next()).toBeGreaterThanOrEqual(0);
    expect(() => r.next()).toThrow(/truncated frame/);
    r.close();
  });
});
