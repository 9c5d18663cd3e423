import { sharedUint32 } from './shared-arrays.ts';
import { isTemplateSiblingIn } from './template-siblings.ts';

/** A ValueStore's memory: what another thread needs to answer `siblings` too. */
export interface ValueArrays {
  arena: Uint32Array;
  offsets: Uint32Array;
}

/**
 * Every record's value-token hashes in one growing arena (offsets per record), so the
 * template-sibling rule can be applied to candidate pairs as they are found, before any shingle
 * set is read: on template-heavy corpora almost all candidates are siblings. About 4 bytes per
 * value token plus 4 per record (~100 bytes per problem). Shared memory, so the LSH worker
 * thread reads it in place (`arrays()`, then `new ValueStore(arrays)` there).
 */
export class ValueStore {
  private arena: Uint32Array;
  private used: number;
  private readonly offsets: Uint32Array;
  private count: number;

  /** An empty store for `records` records, or a view of a filled store's arrays (on another thread). */
  constructor(records: number | ValueArrays) {
    if (typeof records === 'number') {
      this.arena = sharedUint32(1 << 20);
      this.offsets = sharedUint32(records + 1);
      this.used = this.count = 0;
    } else {
      this.arena = records.arena;
      this.offsets = records.offsets;
      this.used = this.arena.length;
      this.count = this.offsets.length - 1;
    }
  }

  add(values: Uint32Array): void {
    if (this.used + values.length > this.arena.length) this.resize(Math.max(this.arena.length * 2, this.used + values.length));
    this.arena.set(values, this.used);
    this.used += values.length;
    this.offsets[++this.count] = this.used;
  }

  values(i: number): Uint32Array {
    return this.arena.subarray(this.offsets[i], this.offsets[i + 1]);
  }

  siblings(i: number, j: number): boolean {
    const { arena, offsets } = this;
    return isTemplateSiblingIn(arena, offsets[i], offsets[i + 1], arena, offsets[j], offsets[j + 1]);
  }

  /** Frees the slack of the arena once every record is added. */
  trim(): void {
    if (this.used < this.arena.length) this.resize(this.used);
  }

  arrays(): ValueArrays {
    return { arena: this.arena, offsets: this.offsets };
  }

  private resize(length: number): void {
    const next = sharedUint32(length);
    next.set(this.arena.subarray(0, Math.min(this.used, length)));
    this.arena = next;
  }
}
