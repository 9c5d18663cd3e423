/** A flagged pair with the two texts, for the readable report. */
export interface ReportPair {
  kind: string;
  id: string;
  other: string;
  other_source: string;
  similarity: number;
  relation: string;
  text: string;
  otherText: string;
}

const clip = (s: string, n = 300) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
};

/**
 * `DIR/embed/pairs.md`: the first `perKind` pairs of each kind (most similar first) with both
 * texts, so the flagged pairs can be read and judged without a query tool. Deterministic: the
 * pairs arrive in a fixed order and ties are broken by ids.
 */
export function pairsReport(model: string, threshold: number, pairs: ReportPair[], perKind = 50): string {
  const L = [`# Embedding pairs (model ${model}, cosine >= ${threshold})`, ''];
  for (const kind of ['contamination', 'duplicate', 'sibling']) {
    const of = pairs.filter((p) => p.kind === kind).sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.other < b.other ? -1 : a.other > b.other ? 1 : 0));
    L.push(`## ${kind} (${of.length} pairs${of.length > perKind ? `, the ${perKind} most similar shown` : ''})`, '');
    for (const p of of.slice(0, perKind)) {
      L.push(`- **${p.similarity.toFixed(4)}** ${p.relation}: \`${p.id}\` ~ ${p.other_source} \`${p.other}\``, `  - ${clip(p.text)}`, `  - ${clip(p.otherText)}`);
    }
    L.push('');
  }
  return L.join('\n');
}
