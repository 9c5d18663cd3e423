import type { FilterInput } from '../filter.ts';
import { ASY_BLOCK, MATH_SPANS } from './prose.ts';

/** Label strings of the Asymptote code: `label("$5$", ...)`, `MP("A", ...)`, `dot("$P$", ...)`. */
function asyLabels(original: string): string[] {
  const out: string[] = [];
  for (const block of original.matchAll(ASY_BLOCK)) {
    for (const m of block[1].matchAll(/\b(?:label|MP|dot|Label)\s*\(\s*(?:[a-zA-Z_]\w*(?:\[\d+\])?\s*,\s*)?"([^"]*)"/g)) out.push(m[1]);
  }
  return out;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function numbersIn(text: string): string[] {
  // digits in subscripts ("A_1") name things, they are not data
  return (text.replace(/_\{?\d+\}?/g, ' ').match(/\d+(?:\.\d+)?/g) ?? []).map((n) => n.replace(/^0+(?=\d)/, ''));
}

/**
 * Kind 2 evidence from the removed Asymptote code: a number it labels (a length, an angle, a
 * coordinate) that the text never states, or a point it labels that the text never names.
 */
export function asyCarriesData(rec: FilterInput): string | null {
  const original = rec.problem_original ?? rec.problem;
  const labels = asyLabels(original);
  if (labels.length === 0) return null;
  const text = rec.problem.replace(ASY_BLOCK, ' ');
  const textNumbers = new Set(numbersIn(text));
  for (const [i, w] of NUMBER_WORDS.entries()) if (new RegExp(`\\b${w}\\b`, 'i').test(text)) textNumbers.add(String(i));
  const missingNumber = labels.flatMap((l) => numbersIn(l)).find((n) => !textNumbers.has(n));
  if (missingNumber !== undefined) return `the removed figure labels ${missingNumber}, which the text does not give`;
  // point names: capitals in math spans, and runs of capitals in prose ("pentagon ABCDE")
  const named = new Set<string>();
  for (const m of text.matchAll(MATH_SPANS)) for (const c of m[0].replace(/\\[a-zA-Z]+/g, ' ').match(/[A-Z]/g) ?? []) named.add(c);
  for (const w of text.replace(MATH_SPANS, ' ').match(/\b[A-Z]{2,8}\b/g) ?? []) for (const c of w) named.add(c);
  for (const l of labels) {
    const point = /^\$?\\?(?:\(|\[)?\s*(?:\\mathit\{|\\text\{|\\textbf\{)?([A-Z])\}?(?:'|_\{?\w+\}?)?\s*(?:\\\)|\\\])?\$?$/.exec(l.trim());
    if (point && !named.has(point[1])) return `the removed figure labels point ${point[1]}, which the text never names`;
  }
  return null;
}

