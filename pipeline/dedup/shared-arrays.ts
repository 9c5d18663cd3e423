/**
 * Typed arrays over SharedArrayBuffer: the dedup stage's per-record arrays are read by the LSH
 * worker thread too, and shared memory reaches it without a copy (a structured clone of the
 * 1.5M-record arrays would be ~450 MB more and seconds of copying).
 */
export function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * 4));
}

export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}
