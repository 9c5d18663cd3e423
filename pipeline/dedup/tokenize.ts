/**
 * Tokenisers over normalised text (see normalize.ts).
 *
 * `shingleTokens` keeps every symbol as a token, because in math the operators carry meaning:
 * word n-grams over them tell `x+1` from `x-1`. `wordTokens` keeps only letter and digit runs
 * (LaTeX command names lose their backslash), the usual unit of n-gram decontamination, so a
 * 13-gram spans a sentence of prose rather than a few braces.
 */

/** A LaTeX command, a letter run, a number (digits with an optional decimal part), or one symbol. */
const SHINGLE_TOKEN = /\\[A-Za-z]+|\p{L}+|[0-9]+(?:\.[0-9]+)?|\S/gu;
/** Letter runs and digit runs. */
const WORD_TOKEN = /\p{L}+|\p{N}+/gu;

export function shingleTokens(normalized: string): string[] {
  return normalized.match(SHINGLE_TOKEN) ?? [];
}

export function wordTokens(normalized: string): string[] {
  return normalized.match(WORD_TOKEN) ?? [];
}
