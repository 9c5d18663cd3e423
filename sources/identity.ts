import { createHash } from 'node:crypto';

/**
 * Stable record id: the first 16 hex digits of sha256(`source` + U+001F + `source_id`).
 * Same input, same id, on every run and machine; reproducible from any language.
 */
export function recordId(source: string, sourceId: string): string {
  return createHash('sha256').update(`${source}\u001f${sourceId}`).digest('hex').slice(0, 16);
}
