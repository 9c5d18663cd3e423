import { describe, expect, it } from 'vitest';
import { extractBoxedSpans } from '../../checker/boxed.ts';

/** The documented pairing: a `{` pairs with its `}` by one stack pass over the text, `\x` skipped. */
function reference(text: string): { content: string; start: number; end: number }[] {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') stack.push(i);
    else if (text[i] === '}' && stack.length) pairs.set(stack.pop()!, i);
  }
  const out: { content: string; start: number; end: number }[] = [];
  const re = /\\(?:boxed|fbox)(?![a-zA-Z])\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = m.index + m[0].length;
    if (text[i] !== '{') {
      const tok = /^[^\s$]+?(?=[\s$]|[.,;](?:\s|$)|$)/.exec(text.slice(i, i + 200));
      if (tok && tok[0].length > 0) out.push({ content: tok[0], start: m.index, end: i + tok[0].length });
      continue;
    }
    const close = pairs.get(i);
    if (close === undefined) re.lastIndex = i + 1;
    else {
      out.push({ content: text.slice(i + 1, close).trim(), start: m.index, end: close + 1 });
      re.lastIndex = close + 1;
    }
  }
  return out;
}

describe('boxed spans by forward scan', () => {
  it('pair braces as the one-pass stack does, on random texts', () => {
    const parts = ['\\boxed', '\\fbox', '{', '}', '{', '}', '\\', 'a', ' ', '$', '.', '\\{', '\\}'];
    let seed = 11;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let n = 0; n < 5000; n++) {
      let t = '';
      for (let i = 0, len = Math.floor(rnd() * 30); i < len; i++) t += parts[Math.floor(rnd() * parts.length)];
      expect(extractBoxedSpans(t), t).toEqual(reference(t));
    }
  });

  it('finds the balanced boxes among many unbalanced ones (the one-pass fallback)', () => {
    const t = '\\boxed{a '.repeat(5000) + '\\boxed{1} } \\boxed{2}';
    expect(extractBoxedSpans(t)).toEqual(reference(t));
  });
});
