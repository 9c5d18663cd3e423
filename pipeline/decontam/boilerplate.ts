import type { Config } from '../../schemas/config.ts';
import { murmur3String } from '../dedup/murmur3.ts';
import { normalizeProblem } from '../dedup/normalize.ts';
import { ContaminationIndex, defaultBenchmarkSpecs, loadBenchmarks } from './decontaminate.ts';

/**
 * Boilerplate is not evidence: instructions, answer-format sentences and reminders ("where m and
 * n are relatively prime positive integers. Find m+n", "two seatings are considered the same if
 * one is a rotation of the other", "(Reminder: the number n! is ...)") are shared by benchmark
 * items and many unrelated training problems alike. An n-gram of a benchmark item found in at
 * least `minDocs` distinct training problems is boilerplate and never counts toward
 * contamination.
 *
 * Only problems that are not copies of a benchmark item count: a problem most of whose
 * windows (COPY_SHARE) are benchmark n-grams is a copy (of a MATH-500 item, say), and its text
 * is the item's, not boilerplate; the rest count once per distinct word-token text. So a
 * benchmark problem found in three sources never turns its own text into boilerplate, while a
 * sentence that many other problems repeat does. Only the benchmark items' n-grams are counted (a bitmap filters the rest), so
 * the count costs a read of the inputs and a tokenisation, not a table of every n-gram.
 */
const COPY_SHARE = 0.5;

export class BoilerplateCounter {
  private readonly docs = new Map<number, Set<number>>();
  private readonly seen = new Set<number>();
  /** N-gram texts of merged keys (a counter that only merges has no index to look them up in). */
  private readonly texts = new Map<number, string>();

  private readonly index: ContaminationIndex | null;
  private readonly minDocs: number;

  /** `index` null: a counter that only merges other counters' partial counts. */
  constructor(index: ContaminationIndex | null, minDocs: number) {
    this.index = index;
    this.minDocs = minDocs;
  }

  add(problem: string): void {
    if (!this.index) throw new Error('a merging boilerplate counter cannot count problems');
    const tokens = ContaminationIndex.tokens(normalizeProblem(problem));
    this.seen.clear();
    this.index.ngramIndex.sharedKeys(tokens, this.seen);
    if (this.seen.size === 0 || this.seen.size >= COPY_SHARE * (tokens.length - this.index.ngramIndex.n + 1)) return;
    const doc = murmur3String(tokens.join(' '), 0x6c8e9cf5);
    for (const key of this.seen) {
      let s = this.docs.get(key);
      if (!s) this.docs.set(key, (s = new Set()));
      if (s.size < this.minDocs) s.add(doc);
    }
  }

  /**
   * The counts so far, to merge into another counter (one per thread, each over part of the
   * inputs): per n-gram key, the distinct documents seen (at most `minDocs`) and its text.
   */
  partial(): BoilerplatePartial {
    return [...this.docs].map(([key, s]) => [key, [...s], this.textOf(key)]);
  }

  private textOf(key: number): string {
    return this.texts.get(key) ?? this.index!.ngramIndex.ngramText(key)!;
  }

  /**
   * Adds another counter's partial counts. The outcome does not depend on how the inputs were
   * split or merged: an n-gram is boilerplate when its distinct documents reach `minDocs`, and a
   * set capped at `minDocs` already says so.
   */
  merge(partial: BoilerplatePartial): void {
    for (const [key, docs, text] of partial) {
      let s = this.docs.get(key);
      if (!s) {
        this.docs.set(key, (s = new Set()));
        this.texts.set(key, text);
      }
      for (const doc of docs) {
        if (s.size >= this.minDocs) break;
        s.add(doc);
      }
    }
  }

  /** Boilerplate n-grams (tokens joined by spaces), sorted. */
  result(): string[] {
    const out: string[] = [];
    for (const [key, s] of this.docs) if (s.size >= this.minDocs) out.push(this.textOf(key));
    return out.sort();
  }
}

/** Per n-gram key, distinct document hashes (see `BoilerplateCounter.partial`). */
export type BoilerplatePartial = [key: number, docs: number[], text: string][];

/** True when `decontamination.boilerplate` is to be derived from the inputs (null, and decontamination on). */
export function derivesBoilerplate(config: Config): boolean {
  return config.decontamination.enabled && config.decontamination.boilerplate === null;
}

/**
 * The benchmark n-gram index the counting uses, for the run's settings. Each thread that reads a
 * part of the inputs counts with a counter over it (`partial`), and the main thread merges them
 * in a counter without an index (`merge`, `result`).
 */
export function boilerplateIndex(d: Config['decontamination'], root: string): ContaminationIndex {
  const specs = d.benchmarks.length ? d.benchmarks : defaultBenchmarkSpecs(root);
  return new ContaminationIndex(loadBenchmarks(specs), { ngram: d.ngram, template: false });
}

/**
 * The config with `decontamination.boilerplate` filled from the counts over every raw row of the
 * inputs, so each worker's index skips the same list. Deterministic: the list depends only on
 * the inputs, the benchmarks and the settings, and is sorted.
 */
export function withBoilerplate(config: Config, counter: BoilerplateCounter): Config {
  return { ...config, decontamination: { ...config.decontamination, boilerplate: counter.result() } };
}
