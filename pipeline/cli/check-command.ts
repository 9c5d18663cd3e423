import { createReadStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { classify, reward, type CompareOptions, type DecimalPolicy, type RewardResult } from '../../checker/index.ts';

/**
 * `bigmath check` and `bigmath classify`: the answer checker on the command line.
 * Exit codes: 0 success (or "equal"), 1 not equal, 2 usage or input error. Malformed JSONL lines are
 * reported on stderr with file and line and the run goes on; the exit code is then 2.
 */

const POLICIES: readonly DecimalPolicy[] = ['rounded', 'exact', 'tolerance'];

function policyArg(v: string): DecimalPolicy {
  if (!(POLICIES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${POLICIES.join(', ')}`);
  return v as DecimalPolicy;
}
function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function fail(message: string): void {
  process.stderr.write(`bigmath: ${message}\n`);
  process.exitCode = 2;
}

async function write(line: string): Promise<void> {
  if (!process.stdout.write(line + '\n')) await once(process.stdout, 'drain');
}

/**
 * Calls `handle` for every non-blank line that is a JSON object; reports the others. Returns the
 * number of bad lines. `-` reads standard input.
 */
async function eachJsonLine(file: string, handle: (row: Record<string, unknown>, lineNo: number) => Promise<string | null>): Promise<number> {
  if (file !== '-' && !existsSync(file)) {
    fail(`${file}: no such file`);
    return 1;
  }
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  try {
    for await (const raw of lines) {
      lineNo++;
      if (raw.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(raw);
      } catch (e) {
        bad++;
        process.stderr.write(`bigmath: ${file}:${lineNo}: invalid JSON (${(e as Error).message})\n`);
        continue;
      }
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        bad++;
        process.stderr.write(`bigmath: ${file}:${lineNo}: expected a JSON object\n`);
        continue;
      }
      const problem = await handle(row as Record<string, unknown>, lineNo);
      if (problem !== null) {
        bad++;
        process.stderr.write(`bigmath: ${file}:${lineNo}: ${problem}\n`);
      }
    }
  } catch (e) {
    fail(`${file}: ${(e as Error).message}`);
    return bad + 1;
  }
  return bad;
}

interface CheckOpts { jsonl?: string; extract?: boolean; explain?: boolean; decimalPolicy?: DecimalPolicy; relTol?: number }

function compareOptions(o: CheckOpts): CompareOptions {
  const out: CompareOptions = {};
  if (o.decimalPolicy) out.decimalPolicy = o.decimalPolicy;
  if (o.relTol !== undefined) out.relTol = o.relTol;
  return out;
}

/** With extraction only the prediction is a response; the gold is an answer and is never extracted. */
function judge(gold: string, pred: string, extract: boolean, o: CheckOpts): RewardResult {
  return reward(gold, pred, { ...compareOptions(o), extract });
}

export async function checkAction(gold: string | undefined, pred: string | undefined, o: CheckOpts): Promise<void> {
  if (o.jsonl !== undefined) {
    if (gold !== undefined || pred !== undefined) return fail('check: give either GOLD PRED or --jsonl FILE, not both');
    const bad = await eachJsonLine(o.jsonl, async (row) => {
      if (typeof row.gold !== 'string' || typeof row.pred !== 'string') return 'expected string fields "gold" and "pred"';
      if (row.extract !== undefined && typeof row.extract !== 'boolean') return 'field "extract" must be true or false';
      // A line's own "extract" wins over --extract, so one file can mix bare answers and whole responses.
      const extract = typeof row.extract === 'boolean' ? row.extract : o.extract === true;
      const t = performance.now();
      const r = judge(row.gold, row.pred, extract, o);
      const ms = Math.round((performance.now() - t) * 1000) / 1000;
      const out: Record<string, unknown> = { id: row.id ?? null, equal: r.equal, ms };
      if (o.explain) Object.assign(out, { reason: r.reason, extracted: r.extracted });
      await write(JSON.stringify(out));
      return null;
    });
    if (bad > 0) process.exitCode = 2;
    return;
  }
  if (gold === undefined || pred === undefined) return fail('check: expected GOLD and PRED, or --jsonl FILE');
  const r = judge(gold, pred, o.extract === true, o);
  await write((r.equal ? 'equal' : 'not equal') + (o.explain && !r.equal ? `\t${r.reason}` : ''));
  process.exitCode = r.equal ? 0 : 1;
}

interface ClassifyOpts { jsonl?: string; details?: boolean }

export async function classifyAction(answer: string | undefined, o: ClassifyOpts): Promise<void> {
  if (o.jsonl !== undefined) {
    if (answer !== undefined) return fail('classify: give either ANSWER or --jsonl FILE, not both');
    const bad = await eachJsonLine(o.jsonl, async (row) => {
      if (typeof row.answer !== 'string') return 'expected a string field "answer"';
      const c = classify(row.answer);
      const out: Record<string, unknown> = { id: row.id ?? null, kind: c.kind, closed_form: c.closedForm };
      if (o.details) Object.assign(out, { canonical: c.canonical, reason: c.reason });
      await write(JSON.stringify(out));
      return null;
    });
    if (bad > 0) process.exitCode = 2;
    return;
  }
  if (answer === undefined) return fail('classify: expected ANSWER or --jsonl FILE');
  const c = classify(answer);
  await write(o.details ? `${c.kind}\t${c.canonical ?? c.reason}` : c.kind);
  process.exitCode = 0;
}

export function registerCheckCommands(program: Command): void {
  program
    .command('check [GOLD] [PRED]')
    .description('compare two answers with the symbolic checker (exit 0 equal, 1 not equal, 2 error); '
      + '--jsonl FILE reads {"id","gold","pred","extract"?} lines and writes {"id","equal","ms"} lines')
    .option('--jsonl <FILE>', 'JSONL input, one {"id","gold","pred"} object per line ("-" for stdin); an optional '
      + 'boolean "extract" per line overrides --extract for that line')
    .option('--extract', 'extract the final answer (\\boxed{}, "the answer is", ####) from pred first (never from gold)')
    .option('--explain', 'say in a few words why answers differ (a tab after "not equal"; "reason" and "extracted" in JSONL)')
    .option('--decimal-policy <POLICY>', `how decimals match exact values: ${POLICIES.join(', ')} (default rounded)`, policyArg)
    .option('--rel-tol <X>', 'relative tolerance for floating comparisons (default 1e-9)', positiveNumber)
    .action(async (gold: string | undefined, pred: string | undefined, opts: CheckOpts) => checkAction(gold, pred, opts));
  program
    .command('classify [ANSWER]')
    .description('print the kind of an answer (number, expression, equation, inequality, interval, set, tuple, matrix) '
      + 'or not_closed_form; --jsonl FILE reads {"id","answer"} lines and writes {"id","kind","closed_form"} lines')
    .option('--jsonl <FILE>', 'JSONL input, one {"id","answer"} object per line ("-" for stdin)')
    .option('--details', 'also print the canonical form, or the reason it is not a closed form')
    .action(async (answer: string | undefined, opts: ClassifyOpts) => classifyAction(answer, opts));
}
