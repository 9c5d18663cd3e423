/**
 * Unit vectors packed in one Float32Array (row i at i * dim), so cosine similarity is a dot
 * product and a million 256-dim vectors take 1 GB with no per-vector object.
 */
export class UnitVectors {
  readonly dim: number;
  readonly count: number;
  readonly data: Float32Array;

  constructor(vectors: readonly Float32Array[], dim: number) {
    this.dim = dim;
    this.count = vectors.length;
    this.data = new Float32Array(vectors.length * dim);
    vectors.forEach((v, i) => {
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += v[d] * v[d];
      const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < dim; d++) this.data[i * dim + d] = v[d] * s;
    });
  }

  row(i: number): Float32Array {
    return this.data.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** Cosine similarity of row i here and row j of `other`, summed in float64 (exact, order fixed). */
  cosine(i: number, other: UnitVectors, j: number): number {
    const a = this.data;
    const b = other.data;
    const dim = this.dim;
    let s = 0;
    for (let d = 0, x = i * dim, y = j * dim; d < dim; d++) s += a[x + d] * b[y + d];
    return s;
  }
}
