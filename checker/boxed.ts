/**
 * Finds `\boxed{...}` / `\fbox{...}` contents with brace matching (nested braces allowed).
 * Also accepts the brace-less form `\boxed 5`. Returns contents in order of appearance.
 */
export function extractBoxedAll(text: string): string[] {
  const out: string[] = [];
  const re = /\\(?:boxed|fbox)\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let i = m.index + m[0].length;
    if (text[i] === '{') {
      let depth = 0;
      const start = i;
      for (; i < text.length; i++) {
        const c = text[i];
        if (c === '\\') { i++; continue; }
        if (c === '{') depth++;
        else if (c === '}' && --depth === 0) break;
      }
      if (depth !== 0) continue; // unbalanced: not a usable box
      out.push(text.slice(start + 1, i).trim());
      re.lastIndex = i + 1;
    } else {
      // `\boxed 5`: the following token up to whitespace, `$` or end of sentence
      const tok = /^[^\s$]+?(?=[\s$]|[.,;](?:\s|$)|$)/.exec(text.slice(i));
      if (tok && tok[0].length > 0) out.push(tok[0]);
    }
  }
  return out;
}

/** The last boxed answer of a solution, or null. */
export function extractLastBoxed(text: string): string | null {
  const all = extractBoxedAll(text);
  return all.length ? all[all.length - 1] : null;
}
