/**
 * The keyword gate in front of the filter regexes. Most filter rules are long alternations
 * that V8 tries at every position of every text, yet most texts contain none of the words the
 * rule needs. A rule therefore names, next to its regex, trigger words such that every match of
 * the regex contains at least one of them (`gated(RE, ['figure', 'diagram', ...])`); one pass
 * over a text finds which rules' words occur, and a rule's regex runs only when one does.
 *
 * Words compare without ASCII case (so a trigger serves case-sensitive and `/i` rules alike)
 * and as substrings ("table" also fires on "suitable": only ever more runs, never fewer). The
 * gate is sound exactly when each list covers its regex; `tests/filters/keyword-gate.test.ts`
 * checks that over every real row in audit mode, where every regex runs and a match whose text
 * holds none of its rule's words is recorded as a miss.
 *
 * The pass is an Aho-Corasick automaton over UTF-16 code units compiled to a dense transition
 * table: one table read per character, no allocation per text. (An npm matcher returns match
 * objects per hit; here only the set of rules hit is wanted.)
 */

export interface Gate {
  readonly re: RegExp;
  /** Lower-case literals; every match of `re` contains one of them (ignoring ASCII case). */
  readonly words: readonly string[];
  /**
   * False only when `re` cannot match `text` (or a substring of it): none of the words occurs.
   * `scanned` (default `text`) is the text whose scan decides: it must hold every occurrence of a
   * trigger word in `text`. A view of the problem that only replaces spans by spaces (math or
   * `[asy]` removed) may pass the problem, so the view needs no scan of its own, provided its
   * rule's words contain no space and nothing the view inserts (`§`).
   */
  may(text: string, scanned?: string): boolean;
}

export type GateMode = 'on' | 'audit';

export interface GateMiss {
  words: readonly string[];
  pattern: string;
  text: string;
}

const gates: GateImpl[] = [];
let automaton: Automaton | null = null;
let mode: GateMode = 'on';
const misses: GateMiss[] = [];

/** Registers a rule's trigger words; declare it next to the regex it guards. */
export function gated(re: RegExp, words: readonly string[]): Gate {
  if (words.length === 0 || words.some((w) => w === '' || w !== asciiLower(w))) {
    throw new Error(`gated(${re.source.slice(0, 40)}): trigger words must be non-empty and lower-case`);
  }
  const g = new GateImpl(re, words, gates.length);
  gates.push(g);
  automaton = null;
  cachedText.fill(null);
  return g;
}

/**
 * `on`: the gate skips rules whose words are absent. `audit`: every rule runs (the gate always
 * says "may"), and each regex match in a text without its words is recorded (`gateMisses`).
 */
export function setGateMode(m: GateMode): void {
  mode = m;
  misses.length = 0;
}

export function gateMisses(): readonly GateMiss[] {
  return misses;
}

/**
 * Which of `gs` (at most 31) may match `text`, as a bit set (bit i: `gs[i].may(text, scanned)`):
 * one look at the scan for all of them.
 */
export function mayMask(gs: readonly Gate[], text: string, scanned = text): number {
  if (gs.length > 31) throw new Error('mayMask: at most 31 gates');
  let bits = 0;
  if (mode === 'audit') {
    for (let i = 0; i < gs.length; i++) if (gs[i].may(text, scanned)) bits |= 1 << i;
    return bits;
  }
  const mask = scan(scanned);
  for (let i = 0; i < gs.length; i++) {
    const k = (gs[i] as GateImpl).index;
    if ((mask[k >>> 5] & (1 << (k & 31))) !== 0) bits |= 1 << i;
  }
  return bits;
}

class GateImpl implements Gate {
  readonly re: RegExp;
  readonly words: readonly string[];
  readonly index: number;
  private readonly probe: RegExp;
  constructor(re: RegExp, words: readonly string[], index: number) {
    this.re = re;
    this.words = words;
    this.index = index;
    // a stateless copy for audit mode: the rule's own regex may be global and mid-iteration
    this.probe = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
  }

  may(text: string, scanned = text): boolean {
    const hit = (scan(scanned)[this.index >>> 5] & (1 << (this.index & 31))) !== 0;
    if (mode === 'on') return hit;
    if (!hit && this.probe.test(text)) misses.push({ words: this.words, pattern: this.re.source, text });
    return true;
  }
}

interface Automaton {
  /** Rule bit sets are `words` 32-bit words long. */
  words: number;
  /** Character class of every UTF-16 code unit (ASCII upper case folded onto lower case); 0: in no trigger word. */
  cls: Uint8Array;
  classes: number;
  /**
   * The complete DFA (failure links resolved), states numbered premultiplied by `classes` so a
   * step is one read: delta[s + class] is the next state s'. `hasOut[s]` marks states where a
   * word ends; `out` holds their rules, `words` per state, at (s / classes) * words.
   */
  delta: Int32Array;
  hasOut: Uint8Array;
  out: Uint32Array;
}

function build(): Automaton {
  const W = Math.max(1, Math.ceil(gates.length / 32));
  const ascii = new Uint16Array(128);
  const other = new Map<number, number>();
  let classes = 1;
  const classOf = (c: number): number => {
    if (c < 128) return ascii[c] || (ascii[c] = classes++);
    let k = other.get(c);
    if (k === undefined) other.set(c, (k = classes++));
    return k;
  };
  // the trie: goto edges per state, and the rules each state completes
  const edges: Map<number, number>[] = [new Map()];
  const ends: Set<number>[] = [new Set()];
  for (const g of gates) {
    for (const w of g.words) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const k = classOf(w.charCodeAt(i));
        let t = edges[s].get(k);
        if (t === undefined) {
          t = edges.length;
          edges.push(new Map());
          ends.push(new Set());
          edges[s].set(k, t);
        }
        s = t;
      }
      ends[s].add(g.index);
    }
  }
  for (let c = 65; c <= 90; c++) ascii[c] = ascii[c + 32];
  // `/iu` regexes match the Kelvin sign as k and the long s as s
  if (ascii[107]) other.set(0x212a, ascii[107]);
  if (ascii[115]) other.set(0x17f, ascii[115]);
  const n = edges.length;
  const delta = new Int32Array(n * classes);
  const out = new Uint32Array(n * W);
  const hasOut = new Uint8Array(n);
  const fail = new Int32Array(n);
  // breadth first: a state's failure target is complete before the state itself
  const queue: number[] = [0];
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    for (const r of ends[s]) out[s * W + (r >>> 5)] |= 1 << (r & 31);
    if (s !== 0) for (let j = 0; j < W; j++) out[s * W + j] |= out[fail[s] * W + j];
    hasOut[s] = out.subarray(s * W, s * W + W).some((x) => x !== 0) ? 1 : 0;
    for (let k = 0; k < classes; k++) {
      const t = edges[s].get(k);
      if (t !== undefined && k !== 0) {
        fail[t] = s === 0 ? 0 : delta[fail[s] * classes + k];
        delta[s * classes + k] = t;
        queue.push(t);
      } else {
        delta[s * classes + k] = s === 0 ? 0 : delta[fail[s] * classes + k];
      }
    }
  }
  if (classes > 255) throw new Error('keyword gate: more than 255 distinct characters in trigger words');
  const cls = new Uint8Array(65536);
  cls.set(ascii);
  for (const [c, k] of other) cls[c] = k;
  // premultiply the state numbers
  const pDelta = new Int32Array(n * classes);
  const pHasOut = new Uint8Array(n * classes);
  for (let s = 0; s < n; s++) {
    pHasOut[s * classes] = hasOut[s];
    for (let k = 0; k < classes; k++) pDelta[s * classes + k] = delta[s * classes + k] * classes;
  }
  return { words: W, cls, classes, delta: pDelta, hasOut: pHasOut, out };
}

/** The last texts scanned and their rule sets: the filters of one record ask about the same few texts. */
const CACHE = 4;
const cachedText: (string | null)[] = new Array<string | null>(CACHE).fill(null);
const cachedMask: Uint32Array[] = [];
let next = 0;

function scan(text: string): Uint32Array {
  for (let i = 0; i < CACHE; i++) if (cachedText[i] === text) return cachedMask[i];
  automaton ??= build();
  const a = automaton;
  const slot = next;
  next = (next + 1) % CACHE;
  let mask = cachedMask[slot];
  if (mask === undefined || mask.length !== a.words) mask = cachedMask[slot] = new Uint32Array(a.words);
  else mask.fill(0);
  const { cls, classes, delta, out, hasOut, words } = a;
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    s = delta[s + cls[text.charCodeAt(i)]];
    if (hasOut[s] !== 0) {
      const o = (s / classes) * words;
      for (let j = 0; j < words; j++) mask[j] |= out[o + j];
    }
  }
  cachedText[slot] = text;
  return mask;
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
