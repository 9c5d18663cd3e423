import { replyObject } from './json-reply.ts';

/** The judgement filters the LLM judge answers for (their reason codes). */
export const JUDGE_CODES = ['figure_required', 'multiple_choice', 'proof', 'multi_part', 'answer_not_closed_form'] as const;
export type JudgeCode = (typeof JUDGE_CODES)[number];

export interface JudgeVerdict {
  /** null: the reply did not say (missing key or an unreadable value). */
  verdict: boolean | null;
  why: string;
}

/** The `llm_judge` signal of one record: per question, or the reply that could not be read. */
export type JudgeSignal =
  | { ok: true; verdicts: Record<JudgeCode, JudgeVerdict> }
  | { ok: false; error: string; reply: string };

function truthy(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(s)) return true;
    if (['false', 'no', 'n', '0'].includes(s)) return false;
  }
  if (v === 1 || v === 0) return v === 1;
  return null;
}

/**
 * Reads a judge reply: the JSON object (see `replyObject`), each question read leniently (a bare
 * boolean, "yes", or `{verdict, why}`). A reply with no readable object is kept as unparseable, with its text, never dropped.
 */
export function parseJudgeReply(reply: string): JudgeSignal {
  const fail = (error: string): JudgeSignal => ({ ok: false, error, reply: reply.slice(0, 500) });
  const r = replyObject(reply);
  if (!r.ok) return fail(r.error);
  const o = r.obj;
  const verdicts = {} as Record<JudgeCode, JudgeVerdict>;
  let said = 0;
  for (const code of JUDGE_CODES) {
    const v = o[code];
    const inner = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    const verdict = truthy(inner ? (inner.verdict ?? inner.answer ?? inner.value) : v);
    const why = inner ? String(inner.why ?? inner.reason ?? inner.rationale ?? '') : '';
    if (verdict !== null) said++;
    verdicts[code] = { verdict, why: why.replace(/\s+/g, ' ').trim().slice(0, 200) };
  }
  if (!said) return fail('the JSON object answers none of the questions');
  return { ok: true, verdicts };
}

export type JudgePolicy = 'rules' | 'judge' | 'both' | 'either';
export const JUDGE_POLICIES: readonly JudgePolicy[] = ['rules', 'judge', 'both', 'either'];

/**
 * Whether a judgement code rejects under a policy. Where the judge did not answer (no signal,
 * unparseable reply, question left open) the rules decide alone, so a broken judge never keeps
 * or rejects anything by itself.
 */
export function combine(policy: JudgePolicy, rule: boolean, judge: boolean | null): boolean {
  if (judge === null || policy === 'rules') return rule;
  if (policy === 'judge') return judge;
  if (policy === 'both') return rule && judge;
  return rule || judge;
}
