/**
 * A small logistic-regression judge: named binary features (rule evidence, the source) plus
 * hashed word uni- and bigrams of the prose, weights trained on the `tune` split
 * (`scripts/train-figure-model.ts`). Inference is a sum of weights and a sigmoid: deterministic,
 * a few microseconds per record. Kept with the training script: a filter would load it only
 * once it beats the rules on tune cross-validation.
 */
export interface LogisticModel {
  /** What it judges, e.g. `figure_required`. */
  reason: string;
  /** Hash buckets of the n-gram features (a power of two). */
  buckets: number;
  bias: number;
  /** Weight per named feature. */
  named: Record<string, number>;
  /** Non-zero n-gram weights as [bucket, weight]. */
  ngrams: [number, number][];
  /** Fires when the probability reaches this. */
  threshold: number;
  /** How it was trained and measured (free-form, for the record). */
  provenance?: Record<string, unknown>;
}

/** 32-bit FNV-1a of a string's UTF-16 code units: stable across runs and machines. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-cased words (math spans already `§`), and adjacent pairs. */
export function ngramsOf(prose: string): string[] {
  const words = prose.toLowerCase().match(/[a-z]+|§/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    out.push(words[i]);
    if (i + 1 < words.length) out.push(`${words[i]} ${words[i + 1]}`);
  }
  return out;
}

/** Distinct buckets of the n-grams, each with the first n-gram that fell in it (for evidence). */
export function bucketsOf(ngrams: readonly string[], buckets: number): Map<number, string> {
  const m = new Map<number, string>();
  for (const g of ngrams) {
    const b = fnv1a(g) & (buckets - 1);
    if (!m.has(b)) m.set(b, g);
  }
  return m;
}

export interface Judgement {
  probability: number;
  fired: boolean;
  /** Features that pushed towards the verdict, strongest first, as `name (+weight)`. */
  evidence: string;
}

/** A model ready to score: n-gram weights in a dense array. */
export class Judge {
  private readonly dense: Float64Array;
  readonly model: LogisticModel;
  constructor(model: LogisticModel) {
    this.model = model;
    this.dense = new Float64Array(model.buckets);
    for (const [b, w] of model.ngrams) this.dense[b] = w;
  }

  score(named: readonly string[], ngrams: readonly string[]): Judgement {
    let z = this.model.bias;
    const parts: [string, number][] = [];
    for (const f of named) {
      const w = this.model.named[f] ?? 0;
      z += w;
      if (w !== 0) parts.push([f, w]);
    }
    for (const [b, g] of bucketsOf(ngrams, this.model.buckets)) {
      const w = this.dense[b];
      z += w;
      if (w !== 0) parts.push([`"${g}"`, w]);
    }
    const probability = 1 / (1 + Math.exp(-z));
    const fired = probability >= this.model.threshold;
    const pushing = parts.filter(([, w]) => (fired ? w > 0 : w < 0)).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
    const evidence = `p=${probability.toFixed(2)}: ${pushing.slice(0, 5).map(([f, w]) => `${f} (${w >= 0 ? '+' : ''}${w.toFixed(2)})`).join(', ')}`;
    return { probability, fired, evidence };
  }
}
