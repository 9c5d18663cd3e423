/**
 * A cheap number per token sequence, equal for equal sequences: the exact and template checks
 * look a query up by its joined tokens (or skeleton, template.ts) only when an item has the same
 * fingerprint. Almost no query matches an item, and joining every query's tokens into a string
 * to find that out was a fair part of the check. A fingerprint never decides a match: equal
 * fingerprints lead to the same string lookup as before.
 *
 * `maskNumbers`: every number token counts as the same token (`#`), as in a skeleton.
 */
export function tokenFingerprint(tokens: readonly string[], maskNumbers: boolean): number {
  let h = tokens.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const c = t.charCodeAt(0);
    const v = maskNumbers && c >= 48 && c <= 57 ? 35 : c + (t.length << 16) + (t.charCodeAt(t.length - 1) << 21);
    h = Math.imul(h ^ v, 0x01000193);
  }
  return h;
}
