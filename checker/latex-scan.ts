/** Small brace-aware scanning helpers shared by the normaliser and the extractor. */

/** Index just past the group that opens at `open` (which must be `{`), or -1 when unbalanced. */
export function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Replaces every `\name{...}` (names given without backslash) by `render(content)`.
 * Linear in the input: each group is scanned once; nested occurrences are handled by re-running on the content.
 */
export function replaceCommandGroups(s: string, names: readonly string[], render: (content: string, name: string) => string, depth = 0): string {
  if (depth > 20 || !names.some((n) => s.includes('\\' + n))) return s;
  const re = new RegExp(`\\\\(${names.join('|')})(?![a-zA-Z])\\s*\\{`, 'g');
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const open = m.index + m[0].length - 1;
    const end = matchBrace(s, open);
    if (end < 0) break;
    out += s.slice(last, m.index) + render(replaceCommandGroups(s.slice(open + 1, end - 1), names, render, depth + 1), m[1]);
    last = end;
    re.lastIndex = end;
  }
  return out + s.slice(last);
}
