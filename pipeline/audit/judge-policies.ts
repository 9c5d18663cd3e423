import { getAdapter } from '../../sources/registry.ts';
import { toRecord } from '../process/to-record.ts';
import { combine, JUDGE_CODES, JUDGE_POLICIES, type JudgePolicy, type JudgeSignal } from '../model/judge-reply.ts';
import type { JudgeItem } from '../model/judge.ts';
import { problemOf, score, type LabelLine, type Prediction, type Score } from './eval-filters.ts';

/** The judge's key for a labelled row: its problem text decides, so a row keeps it across files. */
export function labelItem(l: LabelLine): JudgeItem {
  const res = toRecord(getAdapter(l.source), { file: 'labels', row: l.line, value: l.row });
  return { id: `line-${l.line}`, problem: res.ok ? res.record.problem : problemOf(l.row), answer: res.ok ? (res.record.answer ?? '') : '' };
}

export interface PolicyScore extends Score {
  policy: JudgePolicy;
  /** Per judgement code: [tp, fp, fn]. */
  perCode: Record<string, [number, number, number]>;
}

/**
 * Precision and recall of the keep/reject verdict under each judge policy: the other reasons as
 * the rules give them, each judgement code as `combine` decides from rule and judge.
 */
export function scorePolicies(predictions: readonly Prediction[], signals: ReadonlyMap<string, JudgeSignal>): PolicyScore[] {
  return JUDGE_POLICIES.map((policy) => {
    const pairs: { expected: boolean; predicted: boolean }[] = [];
    const perCode: Record<string, [number, number, number]> = Object.fromEntries(JUDGE_CODES.map((c) => [c, [0, 0, 0]]));
    for (const p of predictions) {
      const sig = signals.get(`line-${p.label.line}`);
      const reasons = new Set(p.reasons.filter((r) => !(JUDGE_CODES as readonly string[]).includes(r)));
      for (const c of JUDGE_CODES) {
        const rejects = combine(policy, p.reasons.includes(c), sig?.ok ? sig.verdicts[c].verdict : null);
        if (rejects) reasons.add(c);
        const expected = p.label.reasons.includes(c);
        const cell = perCode[c];
        if (rejects && expected) cell[0]++;
        else if (rejects) cell[1]++;
        else if (expected) cell[2]++;
      }
      pairs.push({ expected: p.label.expected === 'reject', predicted: reasons.size > 0 });
    }
    return { ...score('any rejection', pairs), policy, perCode };
  });
}

export function formatPolicies(scores: readonly PolicyScore[], judged: { signals: number; unparseable: number; missing: number }): string {
  const ci = (c: [number, number]) => `[${c[0].toFixed(2)}, ${c[1].toFixed(2)}]`;
  const lines = [
    '',
    `LLM judge: ${judged.signals} rows judged (${judged.unparseable} unparseable replies, ${judged.missing} without a reply: the rules decide for those)`,
    `${'policy'.padEnd(8)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)} ${'precision'.padStart(9)} ${'95% CI'.padStart(12)} ${'recall'.padStart(7)} ${'95% CI'.padStart(12)}   per code tp/fp/fn`,
  ];
  for (const s of scores) {
    const codes = JUDGE_CODES.map((c) => `${c} ${s.perCode[c].join('/')}`).join(', ');
    lines.push(`${s.policy.padEnd(8)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)} ${s.precision.toFixed(3).padStart(9)} ${ci(s.precisionCI).padStart(12)} ${s.recall.toFixed(3).padStart(7)} ${ci(s.recallCI).padStart(12)}   ${codes}`);
  }
  return lines.join('\n') + '\n';
}
