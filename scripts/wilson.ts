/** 95% Wilson score interval of k successes in n trials (small-count safe). */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n);
  const r = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(c - r) / d, (c + r) / d];
}

export function rate(k: number, n: number): string {
  const [lo, hi] = wilson(k, n);
  return `${n ? (k / n).toFixed(3) : '-'} (${k}/${n}, 95% Wilson ${lo.toFixed(3)}-${hi.toFixed(3)})`;
}
