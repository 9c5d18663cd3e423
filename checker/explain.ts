import { canonicalOf } from './canonical.ts';
import { compareAnswers, type ResolvedOptions } from './compare.ts';
import type { ParsedAnswer } from './types.ts';

/**
 * A few words on why two answers the comparator found different differ ("tuple order", "value 34 vs
 * 35"), for people reading reward logs. Only called after the verdict is known, so it may be slower.
 */

const MAX_SHOWN = 40;

function shown(a: ParsedAnswer): string {
  const c = a.kind === 'not_closed_form' ? a.text : canonicalOf(a) ?? '?';
  return c.length > MAX_SHOWN ? c.slice(0, MAX_SHOWN - 1) + '…' : c;
}

function kindName(a: ParsedAnswer): string {
  if (a.kind === 'set') return a.braces ? 'set' : 'list';
  return a.kind === 'not_closed_form' ? `no closed form (${a.reason})` : a.kind;
}

function sameMultiset(xs: ParsedAnswer[], ys: ParsedAnswer[], o: ResolvedOptions): boolean {
  if (xs.length !== ys.length || xs.length > 12) return false;
  const used = new Array<boolean>(ys.length).fill(false);
  return xs.every((x) => {
    const k = ys.findIndex((y, j) => !used[j] && compareAnswers(x, y, o));
    if (k < 0) return false;
    used[k] = true;
    return true;
  });
}

function sequenceReason(name: string, xs: ParsedAnswer[], ys: ParsedAnswer[], o: ResolvedOptions): string {
  if (xs.length !== ys.length) return `${name} length ${xs.length} vs ${ys.length}`;
  if (sameMultiset(xs, ys, o)) return `${name} order`;
  const k = xs.findIndex((x, j) => !compareAnswers(x, ys[j], o));
  return k < 0 ? `${name} differs` : `entry ${k + 1}: ${explainParsed(xs[k], ys[k], o)}`;
}

function setReason(xs: ParsedAnswer[], ys: ParsedAnswer[], o: ResolvedOptions): string {
  const missing = xs.find((x) => !ys.some((y) => compareAnswers(x, y, o)));
  if (missing) return `missing element ${shown(missing)}`;
  const extra = ys.find((y) => !xs.some((x) => compareAnswers(x, y, o)));
  if (extra) return `extra element ${shown(extra)}`;
  return 'elements differ';
}

/** Why `pred` is not `gold`; `gold` first in every message. */
export function explainParsed(gold: ParsedAnswer, pred: ParsedAnswer, o: ResolvedOptions): string {
  if (gold.kind === 'not_closed_form' && pred.kind === 'not_closed_form') return `text ${shown(gold)} vs ${shown(pred)}`;
  if (pred.kind === 'not_closed_form') return `answer is ${kindName(pred)}`;
  if (gold.kind === 'not_closed_form') return `gold is ${kindName(gold)}`;
  const scalar = (a: ParsedAnswer) => a.kind === 'number' || a.kind === 'expression';
  if (gold.kind === 'number' && pred.kind === 'number') return `value ${shown(gold)} vs ${shown(pred)}`;
  if (scalar(gold) && scalar(pred)) return `expression ${shown(gold)} vs ${shown(pred)}`;
  if (gold.kind === 'tuple' && (pred.kind === 'tuple' || (pred.kind === 'set' && !pred.braces))) {
    return sequenceReason('tuple', gold.items, pred.items, o);
  }
  if (gold.kind === 'set' && pred.kind === 'set') return setReason(gold.items, pred.items, o);
  if (gold.kind === 'matrix' && pred.kind === 'matrix') {
    const [gr, gc, pr, pc] = [gold.rows.length, gold.rows[0]?.length ?? 0, pred.rows.length, pred.rows[0]?.length ?? 0];
    return gr !== pr || gc !== pc ? `matrix shape ${gr}x${gc} vs ${pr}x${pc}` : 'matrix entries differ';
  }
  if (gold.kind === pred.kind) return `${gold.kind} ${shown(gold)} vs ${shown(pred)}`;
  return `${kindName(gold)} vs ${kindName(pred)}`;
}
