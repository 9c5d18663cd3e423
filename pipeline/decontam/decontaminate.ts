import { normalizeProblem } from '../dedup/normalize.ts';
import { wordTokens } from '../dedup/tokenize.ts';
import type { BenchmarkItem } from './benchmarks.ts';
import { NgramIndex } from './ngram-index.ts';

export { defaultBenchmarkSpecs, loadBenchmarks, type BenchmarkItem, type BenchmarkSpec } from './benchmarks.ts';

/**
 * Benchmark decontamination. A problem is contaminated by a benchmark item when
 *  - `exact`: its normalised text (dedup/normalize.ts) equals the item's, or its word-token
 *    sequence does (covers short items that differ only in punctuation or symbols), or
 *  - `ngram`: it shares a run of `ngram` consecutive word tokens (letter runs and digit runs of
 *    the normalised text, default 13 as in GPT-3's decontamination) with the item.
 * Evidence names the benchmark, the item and the overlapping span (the shared tokens, extended
 * forward while they keep matching, at most 40 shown).
 * Asymptote code (`[asy]...[/asy]`) is left out of the tokens: drawing boilerplate such as
 * `label("$A$",A,N); label("$B$",B,SW)` is shared by unrelated problems and is not the problem.
 * Items shorter than `ngram` tokens can only match exactly: a 13-gram cannot fit in them, and
 * matching a short sequence anywhere in a long problem would flag unrelated problems.
 */
export interface Contamination {
  benchmark: string;
  item: string;
  span: string;
  kind: 'exact' | 'ngram';
}

const MAX_SPAN_TOKENS = 40;

export class ContaminationIndex {
  private readonly items: BenchmarkItem[];
  private readonly exactText = new Map<string, number>();
  private readonly exactTokens = new Map<string, number>();
  private readonly ngrams: NgramIndex;

  constructor(items: BenchmarkItem[], ngram: number) {
    this.items = items;
    this.ngrams = new NgramIndex(ngram);
    items.forEach((it, k) => {
      const norm = normalizeProblem(it.problem);
      const tokens = textTokens(norm);
      if (!this.exactText.has(norm)) this.exactText.set(norm, k);
      const joined = tokens.join(' ');
      if (joined !== '' && !this.exactTokens.has(joined)) this.exactTokens.set(joined, k);
      this.ngrams.add(tokens);
    });
  }

  get size(): number {
    return this.items.length;
  }

  check(problem: string): Contamination | null {
    return this.checkNormalized(normalizeProblem(problem));
  }

  /** `check` for text already passed through `normalizeProblem` (the pipeline shares it with dedup). */
  checkNormalized(norm: string): Contamination | null {
    const tokens = textTokens(norm);
    const exact = this.exactText.get(norm) ?? this.exactTokens.get(tokens.join(' '));
    if (exact !== undefined && norm !== '') {
      const it = this.items[exact];
      return { benchmark: it.benchmark, item: it.item, span: clip(tokens, 0, tokens.length), kind: 'exact' };
    }
    const hit = this.ngrams.find(tokens);
    if (hit === null) return null;
    const it = this.items[hit.seq];
    return { benchmark: it.benchmark, item: it.item, span: clip(tokens, hit.queryPos, hit.length), kind: 'ngram' };
  }
}

/** Human-readable evidence line for a rejection. */
export function contaminationEvidence(c: Contamination): string {
  const what = c.kind === 'exact' ? 'same problem as' : 'shares';
  return c.kind === 'exact'
    ? `${what} ${c.benchmark} ${c.item}: "${c.span}"`
    : `${what} "${c.span}" with ${c.benchmark} ${c.item}`;
}

const ASY = /\[asy\][\s\S]*?(?:\[\/asy\]|$)/g;

function textTokens(normalized: string): string[] {
  return wordTokens(normalized.includes('[asy]') ? normalized.replace(ASY, ' ') : normalized);
}

function clip(tokens: string[], start: number, length: number): string {
  const shown = tokens.slice(start, start + Math.min(length, MAX_SPAN_TOKENS)).join(' ');
  return length > MAX_SPAN_TOKENS ? `${shown} ...` : shown;
}
