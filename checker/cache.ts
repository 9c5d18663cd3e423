/** Bounded memo: evicts the oldest entries first. Maps keep insertion order, which is all we need. */
export class BoundedCache<V> {
  map = new Map<string, V>();
  limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.limit) {
      // Drop the oldest tenth at once so eviction cost is amortised.
      let drop = Math.ceil(this.limit / 10);
      for (const k of this.map.keys()) {
        this.map.delete(k);
        if (--drop <= 0) break;
      }
    }
    this.map.set(key, value);
  }
  clear(): void {
    this.map.clear();
  }
}
