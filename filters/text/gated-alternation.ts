import { gated, mayMask, type Gate } from './keyword-gate.ts';

/**
 * A long alternation whose alternatives each have their own trigger words (keyword gate). For a
 * text, `regexFor` is the alternation of only the alternatives whose words occur, in their
 * order: it finds exactly the matches of the whole alternation, since at every position an
 * alternative left out would fail (it cannot match anywhere in the text) and the others are tried
 * in the same order. A few alternatives cost far less than all of them at every position.
 * At most 31 alternatives; none may refer to another's capture group.
 */
export interface GatedAlternation {
  /** The whole alternation. */
  readonly re: RegExp;
  /** The alternation of the alternatives that may match `text` (gates scan `scanned`), or null if none may. */
  regexFor(text: string, scanned?: string): RegExp | null;
}

export function gatedAlternation(alternatives: readonly (readonly [source: string, words: readonly string[]])[], flags: string): GatedAlternation {
  const gates: Gate[] = alternatives.map(([source, words]) => gated(new RegExp(source, flags), words));
  /** The alternations compiled so far, by the bit set of their alternatives. */
  const compiled = new Map<number, RegExp>();
  return {
    re: new RegExp(alternatives.map(([source]) => source).join('|'), flags),
    regexFor(text, scanned = text) {
      const bits = mayMask(gates, text, scanned);
      if (bits === 0) return null;
      let re = compiled.get(bits);
      if (re === undefined) compiled.set(bits, (re = new RegExp(alternatives.filter((_, i) => bits & (1 << i)).map(([source]) => source).join('|'), flags)));
      return re;
    },
  };
}
