import { extractBoxedSpans, type BoxSpan } from './boxed.ts';

/**
 * Finds the final answer in a solution or model response. Priority goes to whatever final-answer
 * marker comes last in the text (a box, "the final answer is ...", GSM8K's "#### 42"), because
 * responses often box intermediate results and state the answer afterwards.
 */

/** Longer inputs are cut to their tail: the final answer is at the end, and scanning stays bounded. */
const MAX_SCAN = 100_000;

const CONNECTOR_RE = /^(?:[\s,.;:!"'*()\\]|\\q?quad|\\[,;! ]|\\text\s*\{\s*(?:and|or|,)?\s*\}|\band\b|\bor\b|%|\\%|\bpct\b|\bpercent\b)*$/i;

/** `a = \boxed{2}`: the name written just before a box (a letter, optionally with a subscript). */
const BOX_LABEL_RE = /(?<![A-Za-z\\])([A-Za-z](?:_\{?[A-Za-z0-9]{1,3}\}?)?)\s*=\s*\$?\s*$/;

/**
 * Boxes separated only by connectors ("\boxed{1} and \boxed{2}") form one list answer. When every
 * box of the group is named ("$a=\boxed{2}$ and $b=\boxed{3}$") the names are kept: "a=2, b=3".
 */
function lastBoxGroup(text: string, boxes: BoxSpan[]): { content: string; start: number; end: number } | null {
  if (boxes.length === 0) return null;
  const labelBefore = (k: number) => BOX_LABEL_RE.exec(text.slice(Math.max(k > 0 ? boxes[k - 1].end : 0, boxes[k].start - 24), boxes[k].start));
  let k = boxes.length - 1;
  const group = [boxes[k]];
  const labels = [labelBefore(k)?.[1] ?? null];
  while (k > 0) {
    let gap = text.slice(boxes[k - 1].end, boxes[k].start);
    if (gap.length > 80) break;
    const named = BOX_LABEL_RE.exec(gap);
    if (named) gap = gap.slice(0, named.index);
    const words = gap.replace(/\\[a-zA-Z]+/g, ' ').match(/[a-zA-Z]{2,}/g) ?? [];
    const ok = gap.length <= 60 && !/[0-9=]/.test(gap.replace(/\\[a-zA-Z]+/g, '')) && words.length <= 3 && !/\n\s*\n/.test(gap);
    if (!ok) break;
    k--;
    group.unshift(boxes[k]);
    labels.unshift(labelBefore(k)?.[1] ?? null);
  }
  if (group.length > 1 && labels.every((l) => l !== null) && new Set(labels).size === labels.length) {
    return { content: group.map((b, i) => `${labels[i]}=${b.content}`).join(', '), start: group[0].start, end: group[group.length - 1].end };
  }
  const contents = [...new Set(group.map((b) => b.content))];
  return { content: contents.join(', '), start: group[0].start, end: group[group.length - 1].end };
}

/** A number in prose: thousands separators, decimals, a plain-text fraction `2/3`, a trailing percent sign. */
const NUMBER_RE = /-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*\/\s*\d+(?:\.\d+)?(?![\d.]*\s*\/))?(?:\s*%)?/g;

/** `$...$`, `$$...$$`, `\[...\]`, `\(...\)`; an escaped `\$` (a dollar sign) neither opens nor closes a span. */
const MATH_RE = /(?<!\\)\$\$((?:\\\$|[\s\S])+?)(?<!\\)\$\$|\\\[([\s\S]+?)\\\]|(?<!\\)\$((?:\\\$|[^$\n])+?)(?<!\\)\$|\\\(([^\n]*?)\\\)/g;

interface Segment { body: string; start: number; end: number }

function mathSegments(s: string): Segment[] {
  const out: Segment[] = [];
  MATH_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MATH_RE.exec(s)) !== null) {
    const body = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (body) out.push({ body, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * "The largest $n$ is 34", "the volume of $ABCDEFGH$ is $120$": in a sentence the answer follows its
 * last copula, and what precedes it (often in math mode) only names the quantity. Returns the text
 * after the last copula outside math when that text holds math or a number, else null.
 */
function afterCopula(s: string, segs: Segment[], strict = false): string | null {
  // Words only: an `=` inside an answer ("2x - y + 2z - 18 = 0") is part of it.
  const COPULA = /\s(?:is|are|was|were|equals?|becomes?|gives?|get|gets|obtain|yields?)\s/g;
  let cut = -1;
  let m: RegExpExecArray | null;
  while ((m = COPULA.exec(s)) !== null) {
    const at = m.index;
    if (!segs.some((g) => at >= g.start && at < g.end)) cut = at + m[0].length;
  }
  if (cut < 0) return null;
  const rest = s.slice(cut).trim().replace(/(?<!\d)\.+$|(?<=\d)\.$/, '').trim()
    .replace(/^(?:equal\s+to|exactly|simply|just)\s+/i, '');
  // Strictly, only a value right after the copula states the answer ("is greater than 3" does not);
  // leniently, any value after it ("is 95, giving an answer of 191999").
  if (strict) return /^(?:-?\d|-?\.\d|\$|\\[([a-zA-Z]|\(|\[)/.test(rest) ? rest : null;
  return /\d|\$|\\\(|\\\[/.test(rest) ? rest : null;
}

/** Picks the answer from a short stretch of text that is supposed to be the answer. */
function fromSnippet(snippet: string): string {
  let s = snippet.trim().replace(/^[*"'\s]+|[*"'\s]+$/g, '');
  let segs = mathSegments(s);
  const tail = afterCopula(s, segs);
  if (tail !== null && tail !== s) {
    s = tail;
    segs = mathSegments(s);
  }
  if (segs.length > 0) {
    let rest = '';
    let last = 0;
    for (const g of segs) { rest += s.slice(last, g.start) + ' '; last = g.end; }
    rest += s.slice(last);
    // "$21, 16$ or $11$": only connectors outside the math, so the whole thing is the answer.
    if (CONNECTOR_RE.test(rest)) return segs.length === 1 ? segs[0].body : segs.map((g) => g.body).join(', ');
    return segs[segs.length - 1].body;
  }
  // Prose around a number ("so we get 73"): words of two letters or more that are not LaTeX commands.
  const words = s.match(/(?<![\\a-zA-Z])[a-zA-Z]{2,}/g) ?? [];
  if (words.length >= 2) {
    // A sentence around numbers ("so the number is 10 which is 1,000.99"): the last number is the answer.
    const nums = s.match(NUMBER_RE) ?? [];
    if (nums.length) return nums[nums.length - 1];
  }
  return s;
}

/** End of a "final answer is ..." clause: end of line, or a full stop outside math. */
function clauseEnd(s: string, from: number): number {
  let dollars = 0;
  const limit = Math.min(s.length, from + 400);
  for (let i = from; i < limit; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '$') dollars++;
    else if (c === '\n' && dollars % 2 === 0) return i;
    else if (c === '.' && dollars % 2 === 0 && (i + 1 >= s.length || /\s/.test(s[i + 1]))) return i;
  }
  return limit;
}

const PHRASE_RE = /\b(?:final\s+answer|the\s+answer|answer)\s*(?:is\s*:?|:|=)|####|^#{1,6}[ \t]*final\s+answer[ \t]*:?[ \t]*$/gim;

/**
 * "Hence the largest sum is $3$." A concluding sentence after the final-answer marker restates (or
 * revises) the answer, and the last statement of a response is what it answers.
 */
const CONCLUSION_RE = /(?:^|[.!?]\s+|\n\s*)(?:Hence|Therefore|Thus|So|Finally|In conclusion)\b,?[ \t]+[^\n]{0,300}/g;

function laterConclusion(t: string, from: number): string | null {
  const tail = t.slice(from, from + 2000);
  CONCLUSION_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let last: string | null = null;
  while ((m = CONCLUSION_RE.exec(tail)) !== null) last = m[0];
  if (last === null) return null;
  const sentence = last.replace(/^[.!?\s]+/, '').slice(0, clauseEnd(last.replace(/^[.!?\s]+/, ''), 0));
  const rest = afterCopula(sentence, mathSegments(sentence), true);
  return rest === null ? null : fromSnippet(rest);
}

/**
 * Special tokens of chat templates (ChatML, Llama 3, Phi, DeepSeek, `</s>`): a response ends at the
 * first one that ends a turn or opens another; what follows (a new user turn, another answer) is not
 * this response. Markers opening the response itself are dropped.
 */
const TURN_MARK = /<\|(?:im_end|im_start|eot_id|eom_id|end_of_text|endoftext|end|user|assistant|system|start_header_id|end_header_id)\|>|<\/s>|<｜(?:end▁of▁sentence|User|Assistant)｜>/;

function cutAtTurnEnd(t: string): string {
  let m: RegExpExecArray | null;
  while ((m = TURN_MARK.exec(t)) !== null) {
    const before = t.slice(0, m.index);
    // A header at the very start (`<|im_start|>assistant`) opens this response: skip it and its role name.
    if (before.trim() === '') {
      t = t.slice(m.index + m[0].length).replace(/^\s*(?:assistant|user|system)?\s*(?:<\|end_header_id\|>)?/, '');
      continue;
    }
    return before;
  }
  return t;
}

export function extractAnswer(text: string): string | null {
  if (typeof text !== 'string') return null;
  let t = text.length > MAX_SCAN ? text.slice(-MAX_SCAN) : text;
  if (t.includes('</think>')) t = t.slice(t.lastIndexOf('</think>') + 8);
  t = cutAtTurnEnd(t);
  // Markdown bold and italics around an answer (**73**, __73__) are presentation.
  if (t.includes('**') || t.includes('__')) t = t.replace(/\*\*([^*\n]{1,400}?)\*\*|(?<![\\\w])__([^_\n]{1,400}?)__(?!\w)/g, (_m, a?: string, b?: string) => a ?? b ?? '');
  const box = lastBoxGroup(t, extractBoxedSpans(t));

  let phrase: { content: string; start: number } | null = null;
  PHRASE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let lastMatch: RegExpExecArray | null = null;
  while ((m = PHRASE_RE.exec(t)) !== null) lastMatch = m;
  let phraseEnd = 0;
  if (lastMatch) {
    let from = lastMatch.index + lastMatch[0].length;
    // A "### Final Answer" heading: the answer is the next non-empty line.
    if (lastMatch[0].startsWith('#') && lastMatch[0] !== '####') while (from < t.length && /\s/.test(t[from])) from++;
    const end = lastMatch[0] === '####' ? (t.indexOf('\n', from) < 0 ? t.length : t.indexOf('\n', from)) : clauseEnd(t, from);
    phraseEnd = end;
    const content = t.slice(from, end).trim();
    // "so our answer is correct": words alone after the phrase are commentary, not an answer
    // (option letters and yes/no are kept: they are answers of their own).
    const commentary = !/[\d$\\=]/.test(content) && /\b[a-z]{3,}\b/.test(content) && !/\b[A-Z]{2,}\b/.test(content)
      && !/^\(?[A-E]\)?\.?$|^(?:yes|no|true|false)\b/i.test(content);
    if (content && !commentary) phrase = { content, start: lastMatch.index };
  }

  if (box && (!phrase || box.start >= phrase.start || extractBoxedSpans(phrase.content).length > 0)) {
    return laterConclusion(t, Math.max(box.end, phrase ? phraseEnd : 0)) ?? box.content;
  }
  if (phrase) {
    const later = laterConclusion(t, phraseEnd);
    if (later !== null) return later;
    const inner = extractBoxedSpans(phrase.content);
    if (inner.length) return inner[inner.length - 1].content;
    return fromSnippet(phrase.content);
  }
  const trimmed = t.trim().replace(/\s*I hope (?:it|this) is correct\.?\s*$/i, '');
  if (!trimmed) return null;
  if (trimmed.length <= 200) return fromSnippet(trimmed);
  return lastSentenceAnswer(trimmed);
}

/** Without any marker, the answer is usually stated in the last sentence that has math or a number. */
function lastSentenceAnswer(t: string): string | null {
  const tail = t.slice(-3000);
  const sentences = tail.split(/(?<=[.!?])\s+(?=[A-Z\\$])/);
  for (let k = sentences.length - 1; k >= Math.max(0, sentences.length - 3); k--) {
    const s = sentences[k];
    if (mathSegments(s).length > 0) return fromSnippet(s);
    const nums = s.match(NUMBER_RE);
    if (nums) return nums[nums.length - 1];
  }
  const segs = mathSegments(tail);
  if (segs.length) return segs[segs.length - 1].body;
  const nums = tail.match(NUMBER_RE);
  return nums ? nums[nums.length - 1] : null;
}
