/**
 * Small, self-contained LaTeX string helpers for the case generator. Deliberately independent of
 * checker/: the instrument must not change when the thing it measures changes.
 */

/** Index of the brace closing the one opened at `open`, or -1. */
export function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') depth++;
    else if (c === '}') { depth--; if (depth === 0) return i; }
  }
  return -1;
}

/** Content of the last \boxed{...} (or \fbox{...}) in a text, or null. */
export function lastBoxed(s: string): string | null {
  let best: string | null = null;
  const re = /\\(?:boxed|fbox)\s*\{/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(s, open);
    if (close > open) best = s.slice(open + 1, close);
  }
  return best;
}

/** Number of \boxed occurrences (golds from solutions with several boxes are skipped). */
export function boxedCount(s: string): number {
  return (s.match(/\\(?:boxed|fbox)\s*\{/g) ?? []).length;
}

/** Splits at top-level occurrences of `sep` (outside {}, (), [], \left...\right). */
export function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      // \{ and \} count as brackets too; other commands are skipped whole
      if (s[i + 1] === '{' || s[i + 1] === '}') depth += s[i + 1] === '{' ? 1 : -1;
      i++;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(start, i));
      start = i + sep.length;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim());
}

/** Strips one pair of outer `$...$`, `\(...\)`, `\[...\]` and surrounding spaces. */
export function stripMath(s: string): string {
  let t = s.trim();
  for (let k = 0; k < 3; k++) {
    const m = /^\$+([\s\S]*?)\$+$/.exec(t) ?? /^\\\(([\s\S]*)\\\)$/.exec(t) ?? /^\\\[([\s\S]*)\\\]$/.exec(t);
    if (!m) break;
    t = m[1].trim();
  }
  const boxed = /^\\boxed\{/.test(t) ? lastBoxed(t) : null;
  if (boxed !== null && t.endsWith('}') && matchBrace(t, t.indexOf('{')) === t.length - 1) t = boxed.trim();
  return t;
}

/** Whether brackets and braces balance (golds that do not are skipped). */
export function balanced(s: string): boolean {
  let b = 0, p = 0, q = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') b++;
    else if (c === '}') b--;
    else if (c === '(') p++;
    else if (c === ')') p--;
    else if (c === '[') q++;
    else if (c === ']') q--;
    if (b < 0) return false;
  }
  // intervals mix ( and ], so only the total of round and square brackets must balance
  return b === 0 && p + q === 0;
}
