/**
 * The one fixed split of the case corpus: sha256 of JSON.stringify([gold, pred]) (UTF-8); the
 * pair goes to `test` when the first byte of the digest is below 102 (about 40%), else `tune`.
 */
import { createHash } from 'node:crypto';

export type Split = 'tune' | 'test';

export function pairDigest(gold: string, pred: string): Buffer {
  return createHash('sha256').update(JSON.stringify([gold, pred]), 'utf8').digest();
}

export function splitOf(gold: string, pred: string): Split {
  return pairDigest(gold, pred)[0] < 102 ? 'test' : 'tune';
}
