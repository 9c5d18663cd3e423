/** A `\boxed{...}`/`\fbox{...}` occurrence: its trimmed content and where it sits in the text. */
export interface BoxSpan {
  content: string;
  start: number;
  end: number;
}

/**
 * Finds `\boxed{...}` / `\fbox{...}` with brace matching (nested braces allowed), and the brace-less
 * form `\boxed 5`. Unbalanced boxes are skipped. Linear time.
 */
export function extractBoxedSpans(text: string): BoxSpan[] {
  const out: BoxSpan[] = [];
  if (!text.includes('box')) return out;
  const re = /\\(?:boxed|fbox)(?![a-zA-Z])\s*/g;
  // each box's closing brace by a scan forward from it (a solution's boxes are short and few);
  // past a budget of a few text lengths (many unbalanced boxes), all pairs in one pass instead
  let closeOf: Map<number, number> | null = null;
  let budget = 4 * text.length + 256;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const i = m.index + m[0].length;
    if (text.charCodeAt(i) === 123) {
      let close: number | undefined;
      if (closeOf === null) {
        const found = closingBrace(text, i);
        budget -= (found < 0 ? text.length : found) - i + 1;
        if (budget < 0) closeOf = matchAllBraces(text);
        else close = found < 0 ? undefined : found;
      }
      if (closeOf !== null) close = closeOf.get(i);
      if (close === undefined) {
        // Unbalanced: skip just this box so later boxes are still found.
        re.lastIndex = i + 1;
        continue;
      }
      out.push({ content: text.slice(i + 1, close).trim(), start: m.index, end: close + 1 });
      re.lastIndex = close + 1;
    } else {
      // `\boxed 5`: the following token up to whitespace, `$` or end of sentence.
      const rest = text.slice(i, i + 200);
      const tok = /^[^\s$]+?(?=[\s$]|[.,;](?:\s|$)|$)/.exec(rest);
      if (tok && tok[0].length > 0) out.push({ content: tok[0], start: m.index, end: i + tok[0].length });
    }
  }
  return out;
}

/**
 * Position of the `}` matching the `{` at `open`, or -1. Matches `matchAllBraces` (the scan starts
 * on a character that pass also reads, so escapes pair up alike, and braces before `open` cannot
 * pair with braces after it before `open` is closed).
 */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i;
  }
  return -1;
}

/**
 * Position of the matching `}` for every `{` that has one, in one pass, so that many unbalanced
 * boxes cannot make the scan quadratic. Escaped braces (`\\{`) are ignored.
 */
function matchAllBraces(text: string): Map<number, number> {
  const out = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') stack.push(i);
    else if (c === '}') {
      const open = stack.pop();
      if (open !== undefined) out.set(open, i);
    }
  }
  return out;
}

/** Contents of all boxes, in order of appearance. */
export function extractBoxedAll(text: string): string[] {
  return extractBoxedSpans(text).map((b) => b.content);
}

/** The last boxed answer of a solution, or null. */
export function extractLastBoxed(text: string): string | null {
  const all = extractBoxedSpans(text);
  return all.length ? all[all.length - 1].content : null;
}
