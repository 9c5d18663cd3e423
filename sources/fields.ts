/**
 * Field readers for adapters. Each returns the value or records a precise complaint, so an
 * adapter can report every problem of a malformed row in one message.
 */
export class FieldReader {
  readonly problems: string[] = [];
  private readonly row: Record<string, unknown>;
  constructor(row: Record<string, unknown>) {
    this.row = row;
  }

  /** A required non-empty string. */
  text(key: string): string {
    const v = this.row[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.problems.push(v === undefined ? `missing field "${key}"` : v === null ? `field "${key}" is null` : typeof v === 'string' ? `field "${key}" is empty` : `field "${key}" is ${describe(v)}, expected string`);
    return '';
  }

  /** An optional string (null when absent or null); a value of another type is a problem. */
  optText(key: string): string | null {
    const v = this.row[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.problems.push(`field "${key}" is ${describe(v)}, expected string`);
    return null;
  }

  /** An optional number or numeric string, returned as a string (levels, difficulties, years). */
  optScalar(key: string): string | null {
    const v = this.row[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') return v;
    this.problems.push(`field "${key}" is ${describe(v)}, expected number or string`);
    return null;
  }

  /** A required integer (or integer-valued string). */
  int(key: string): number {
    const v = this.row[key];
    const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n === 'number' && Number.isInteger(n)) return n;
    this.problems.push(v === undefined ? `missing field "${key}"` : `field "${key}" is ${describe(v)}, expected integer`);
    return 0;
  }

  raw(key: string): unknown {
    return this.row[key];
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  get error(): string {
    return this.problems.join('; ');
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Upstream fields not mapped to canonical columns, kept as metadata (JSON-safe). */
export function rest(row: Record<string, unknown>, mapped: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(row).sort()) if (!mapped.includes(k)) out[k] = row[k];
  return out;
}
