import { normalizeProblem } from '../dedup/normalize.ts';
import { wordTokens } from '../dedup/tokenize.ts';
import type { BenchmarkItem } from './benchmarks.ts';
import { NgramIndex, ngramKey } from './ngram-index.ts';
import { templateSkeleton } from './template.ts';
import { tokenFingerprint } from './token-fingerprint.ts';

export { defaultBenchmarkSpecs, loadBenchmarks, type BenchmarkItem, type BenchmarkSpec } from './benchmarks.ts';

/**
 * Benchmark decontamination. A problem is contaminated by a benchmark item when
 *  - `exact`: its normalised text (dedup/normalize.ts) equals the item's, or its word-token
 *    sequence does (covers short items that differ only in punctuation or symbols), or
 *  - `ngram`: it shares a run of `ngram` consecutive word tokens (letter runs and digit runs of
 *    the normalised text, default 13 as in GPT-3's decontamination) with the item.
 * Evidence names the benchmark, the item and the overlapping span (the shared tokens, extended
 * forward while they keep matching, at most 40 shown).
 *  - `template`: its word tokens equal the item's with other numbers (a number-changed copy has
 *    taught the template; template.ts), for items long enough to be a template.
 * N-grams of the boilerplate list (instructions, answer formats, reminders shared by many
 * training problems, derived from the inputs, see boilerplate.ts) never count, and `ngram` needs
 * `minShared` distinct shared n-grams with one item.
 * Asymptote code (`[asy]...[/asy]`) is left out of the tokens: drawing boilerplate such as
 * `label("$A$",A,N); label("$B$",B,SW)` is shared by unrelated problems and is not the problem.
 * Items shorter than `ngram` tokens can only match exactly: a 13-gram cannot fit in them, and
 * matching a short sequence anywhere in a long problem would flag unrelated problems.
 */
export interface Contamination {
  benchmark: string;
  item: string;
  span: string;
  kind: 'exact' | 'ngram' | 'template';
}

export interface ContaminationOptions {
  ngram: number;
  /** Distinct non-boilerplate n-grams needed with one item (default 1). */
  minShared?: number;
  /** Boilerplate n-grams (tokens joined by spaces): they never count. */
  boilerplate?: readonly string[];
  /** Flag template siblings of benchmark items (default true). */
  template?: boolean;
}

const MAX_SPAN_TOKENS = 40;

export class ContaminationIndex {
  private readonly items: BenchmarkItem[];
  private readonly exactText = new Map<string, number>();
  private readonly exactTokens = new Map<string, number>();
  private readonly skeletons = new Map<string, number>();
  /** Fingerprints of the items' token sequences and skeletons (token-fingerprint.ts). */
  private readonly exactPrints = new Set<number>();
  private readonly skeletonPrints = new Set<number>();
  private readonly ngrams: NgramIndex;
  private readonly minShared: number;
  private readonly skip: Set<number>;
  private readonly template: boolean;

  constructor(items: BenchmarkItem[], opts: ContaminationOptions | number) {
    const o: ContaminationOptions = typeof opts === 'number' ? { ngram: opts } : opts;
    this.items = items;
    this.ngrams = new NgramIndex(o.ngram);
    this.minShared = o.minShared ?? 1;
    this.template = o.template ?? true;
    this.skip = new Set((o.boilerplate ?? []).map((g) => ngramKey(g.split(' '))));
    items.forEach((it, k) => {
      const norm = normalizeProblem(it.problem);
      const tokens = textTokens(norm);
      if (!this.exactText.has(norm)) this.exactText.set(norm, k);
      const joined = tokens.join(' ');
      if (joined !== '' && !this.exactTokens.has(joined)) this.exactTokens.set(joined, k);
      this.exactPrints.add(tokenFingerprint(tokens, false));
      const skeleton = templateSkeleton(tokens);
      if (skeleton !== null && !this.skeletons.has(skeleton)) this.skeletons.set(skeleton, k);
      if (skeleton !== null) this.skeletonPrints.add(tokenFingerprint(tokens, true));
      this.ngrams.add(tokens);
    });
  }

  /** The n-gram index of the benchmark items (the boilerplate count reads it). */
  get ngramIndex(): NgramIndex {
    return this.ngrams;
  }

  /** Word tokens of a normalised text, as every check sees them. */
  static tokens(normalized: string): string[] {
    return textTokens(normalized);
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
    const exact = this.exactText.get(norm) ?? (this.exactPrints.has(tokenFingerprint(tokens, false)) ? this.exactTokens.get(tokens.join(' ')) : undefined);
    if (exact !== undefined && norm !== '') {
      const it = this.items[exact];
      return { benchmark: it.benchmark, item: it.item, span: clip(tokens, 0, tokens.length), kind: 'exact' };
    }
    const hit = this.ngrams.findShared(tokens, this.minShared, this.skip.size ? this.skip : null);
    if (hit !== null) {
      const it = this.items[hit.seq];
      return { benchmark: it.benchmark, item: it.item, span: clip(tokens, hit.queryPos, hit.length), kind: 'ngram' };
    }
    if (this.template && this.skeletonPrints.has(tokenFingerprint(tokens, true))) {
      const skeleton = templateSkeleton(tokens);
      const k = skeleton === null ? undefined : this.skeletons.get(skeleton);
      if (k !== undefined) {
        const it = this.items[k];
        return { benchmark: it.benchmark, item: it.item, span: clip(tokens, 0, tokens.length), kind: 'template' };
      }
    }
    return null;
  }
}

/** Human-readable evidence line for a rejection. */
export function contaminationEvidence(c: Contamination): string {
  if (c.kind === 'exact') return `same problem as ${c.benchmark} ${c.item}: "${c.span}"`;
  if (c.kind === 'template') return `template of ${c.benchmark} ${c.item} (same wording, other numbers): "${c.span}"`;
  return `shares "${c.span}" with ${c.benchmark} ${c.item}`;
}

const ASY = /\[asy\][\s\S]*?(?:\[\/asy\]|$)/g;

function textTokens(normalized: string): string[] {
  return wordTokens(normalized.includes('[asy]') ? normalized.replace(ASY, ' ') : normalized);
}

function clip(tokens: string[], start: number, length: number): string {
  const shown = tokens.slice(start, start + Math.min(length, MAX_SPAN_TOKENS)).join(' ');
  return length > MAX_SPAN_TOKENS ? `${shown} ...` : shown;
}
