import { isTemplateSibling } from './template-siblings.ts';

/**
 * Every record's value-token hashes in one growing arena (offsets per record), so the
 * template-sibling rule can be applied to candidate pairs as they are found, before any shingle
 * set is read: on template-heavy corpora almost all candidates are siblings. About 4 bytes per
 * value token plus 4 per record (~100 bytes per problem).
 */
export class ValueStore {
  private arena = new Uint32Array(1 << 20);
  private used = 0;
  private readonly offsets: Uint32Array;
  private count = 0;

  constructor(records: number) {
    this.offsets = new Uint32Array(records + 1);
  }

  add(values: Uint32Array): void {
    if (this.used + values.length > this.arena.length) {
      const bigger = new Uint32Array(Math.max(this.arena.length * 2, this.used + values.length));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    this.arena.set(values, this.used);
    this.used += values.length;
    this.offsets[++this.count] = this.used;
  }

  values(i: number): Uint32Array {
    return this.arena.subarray(this.offsets[i], this.offsets[i + 1]);
  }

  siblings(i: number, j: number): boolean {
    return isTemplateSibling(this.values(i), this.values(j));
  }

  /** Frees the slack of the arena once every record is added. */
  trim(): void {
    if (this.used < this.arena.length) this.arena = this.arena.slice(0, this.used);
  }
}
