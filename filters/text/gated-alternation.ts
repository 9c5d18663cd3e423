import { gated, type Gate } from './keyword-gate.ts';

/**
 * A long alternation whose alternatives each have their own trigger words (keyword gate). For a
 * text, `regexFor` is the alternation of only the alternatives whose words occur, in their
 * order: it finds exactly the matches of the whole alternation, since at every position an
 * alternative left out would fail (it cannot match anywhere in the text) and the others are tried
 * in the same order. A few alternatives cost far less than all of them at every position.
 * The alternatives must not use capture groups across alternatives (no backreferences between them).
 */
export interface GatedAlternation {
  /** The whole alternation. */
  readonly re: RegExp;
  /** The alternation of the alternatives that may match `text` (gates scan `scanned`), or null if none may. */
  regexFor(text: string, scanned?: string): RegExp | null;
}

export function gatedAlternation(alternatives: readonly (readonly [source: string, words: readonly string[]])[], flags: string): GatedAlternation {
  const gates: Gate[] = alternatives.map(([source, words]) => gated(new RegExp(source, flags), words));
  const compiled = new Map<string, RegExp>();
  return {
    re: new RegExp(alternatives.map(([source]) => source).join('|'), flags),
    regexFor(text, scanned = text) {
      const on: number[] = [];
      for (let i = 0; i < gates.length; i++) if (gates[i].may(text, scanned)) on.push(i);
      if (on.length === 0) return null;
      const key = on.join(',');
      let re = compiled.get(key);
      if (re === undefined) compiled.set(key, (re = new RegExp(on.map((i) => alternatives[i][0]).join('|'), flags)));
      return re;
    },
  };
}
