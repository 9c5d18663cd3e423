import { appendFileSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VectorCache, vectorKey } from '../../../pipeline/embed/vector-cache.ts';
import { tempDir } from '../../helpers.ts';

const vec = (seed: number, dim = 8) => Float32Array.from({ length: dim }, (_, i) => Math.sin(seed * 7 + i));

describe('VectorCache', () => {
  it('keys by model and text, and reads back every vector bit for bit', () => {
    expect(vectorKey('a', 'x')).not.toBe(vectorKey('b', 'x'));
    expect(vectorKey('a', 'x')).toMatch(/^[0-9a-f]{32}$/);
    const dir = tempDir();
    const keys = ['t1', 't2', 't3'].map((t) => vectorKey('m', t));
    const c = new VectorCache(dir, 'one.vec');
    c.append(keys.slice(0, 2), [vec(1), vec(2)]);
    c.append(keys.slice(2), [vec(3, 4)]);
    c.close();
    expect(statSync(join(dir, 'one.vec')).size).toBe(2 * (24 + 32) + 24 + 16);
    const got = new VectorCache(dir, 'next.vec').load(new Set(keys));
    expect([...got.keys()]).toEqual(keys);
    expect(got.get(keys[1])).toEqual(vec(2));
    expect(got.get(keys[2])).toEqual(vec(3, 4));
    // Only what is asked for.
    expect(new VectorCache(dir, 'next.vec').load(new Set([keys[0]])).size).toBe(1);
  });

  it('a record torn by a kill ends that file; a later file is still read', () => {
    const dir = tempDir();
    const keys = ['a', 'b', 'c'].map((t) => vectorKey('m', t));
    const c = new VectorCache(dir, '1.vec');
    c.append(keys.slice(0, 2), [vec(1), vec(2)]);
    c.close();
    truncateSync(join(dir, '1.vec'), 24 + 32 + 30); // the second record cut inside its floats
    const d = new VectorCache(dir, '2.vec');
    d.append([keys[2]], [vec(3)]);
    d.close();
    expect(readdirSync(dir).sort()).toEqual(['1.vec', '2.vec']);
    expect([...new VectorCache(dir, 'x.vec').load(new Set(keys)).keys()]).toEqual([keys[0], keys[2]]);
  });

  it('a corrupted record fails its CRC and is not read', () => {
    const dir = tempDir();
    const k = vectorKey('m', 'a');
    const c = new VectorCache(dir, '1.vec');
    c.append([k], [vec(1)]);
    c.close();
    appendFileSync(join(dir, '1.vec'), Buffer.alloc(56, 1)); // garbage of one record's length
    expect(new VectorCache(dir, 'x.vec').load(new Set([k])).size).toBe(1);
    truncateSync(join(dir, '1.vec'), 0);
    appendFileSync(join(dir, '1.vec'), Buffer.alloc(56, 1));
    expect(new VectorCache(dir, 'x.vec').load(new Set([k])).size).toBe(0);
  });
});
