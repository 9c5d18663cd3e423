/** A short window of `text` around a match, for a signal's human-readable evidence. */
export function around(text: string, index: number, length: number, pad = 40): string {
  const start = Math.max(0, index - pad);
  const end = Math.min(text.length, index + length + pad);
  const s = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return (start > 0 ? '…' : '') + s + (end < text.length ? '…' : '');
}

/** Evidence for the first match of `re` in `text`, or null when it does not match. */
export function firstMatch(re: RegExp, text: string): string | null {
  const m = re.exec(text);
  return m ? around(text, m.index, m[0].length) : null;
}
