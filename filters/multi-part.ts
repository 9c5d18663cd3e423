import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import { stripAsy } from './text/latex.ts';
import { blankCount } from './text/blanks.ts';
import { lastArgMemo } from './text/memo.ts';
import { gated, type Gate } from './text/keyword-gate.ts';
import { findOptions } from './text/options.ts';
import { distinctBoxes } from './text/boxes.ts';

/**
 * Two or more separate questions needing separate answers: enumerated parts ("(1) ... (2)",
 * "(I) ... (II)", "(Ⅰ)", "①②", "(a) ... (b)", "a) ... b)", "Part 1", "[b](a)[/b]") of which
 * at least two ask something (a question word, an instruction, or "?").
 * Not multi-part: numbered conditions followed by one question ("f satisfies (1) ... (2) ...
 * Find f"), statements to judge ("① ... ② ... Which are true?"), equation references ("from
 * (1) and (2)"), function values `f(1)`, points `(1, 2)`, decimals "1.5 and 2.5", and a single
 * question whose answer is a tuple or a set ("Find $x$ and $y$").
 */
type Scheme = {
  name: string;
  re: RegExp;
  order: (s: string) => number;
  /** Keyword gate of `re`, for schemes whose labels hold a rare character or word (`(`, `Ⅰ`, `①`, "part"). */
  gate?: Gate;
};

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii'];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
const FULL_ROMAN = 'ⅠⅡⅢⅣⅤⅥⅦⅧ';

/** Parenthesised labels must not follow a word character (`f(1)`, `P(a)`) or a `^`/`_`. */
const NOT_ARG = String.raw`(?<![\p{L}\p{N}\\^_')\]}])`;

const PAREN = ['(', '（'];
const SCHEMES: Scheme[] = [
  { name: '(1)', re: new RegExp(String.raw`${NOT_ARG}[(（]\s*(\d{1,2})\s*[)）]`, 'gu'), order: (s) => Number(s) },
  { name: '1.', re: /^[ \t]*(?:\*\*)?(\d{1,2})[.)](?:\*\*)?[ \t]+(?=\S)/gm, order: (s) => Number(s) },
  { name: '(I)', re: new RegExp(String.raw`${NOT_ARG}[(（]\s*(i{1,3}|iv|v|vi{1,3})\s*[)）]`, 'giu'), order: (s) => ROMAN.indexOf(s.toLowerCase()) + 1 },
  { name: 'Ⅰ', re: /[(（]?([ⅠⅡⅢⅣⅤⅥⅦⅧ])[)）]?/gu, order: (s) => FULL_ROMAN.indexOf(s) + 1 },
  { name: '①', re: /([①②③④⑤⑥⑦⑧⑨⑩])/gu, order: (s) => CIRCLED.indexOf(s) + 1 },
  { name: '(a)', re: new RegExp(String.raw`${NOT_ARG}[(（]\s*([a-h])\s*[)）](?!\s*[,=+\-*/^])`, 'gu'), order: (s) => s.charCodeAt(0) - 96 },
  { name: 'a)', re: /(?:^|\n)[ \t]*(?:\[b\]|\*\*|\$)?([a-h])[).](?:\[\/b\]|\*\*|\$)?[ \t]+(?=\S)/g, order: (s) => s.charCodeAt(0) - 96 },
  { name: 'i)', re: /(?:^|\n)[ \t]*(?:\[b\]|\*\*|\$)?(i{1,3}|iv|vi{0,3})[).](?:\[\/b\]|\*\*|\$)?[ \t]+(?=\S)/gi, order: (s) => ROMAN.indexOf(s.toLowerCase()) + 1 },
  { name: 'part', re: /\bpart\s*\(?([a-h1-9])\)?[.:]/gi, order: (s) => (/\d/.test(s) ? Number(s) : s.toLowerCase().charCodeAt(0) - 96) },
];
// Most problems have no parenthesis, no Ⅰ or ① and no "part": the gate (which scans the problem
// anyway) spares those schemes' searches. The view `multiPartEvidence` reads only removes
// `[asy]` code and turns `\text{a)}` into `a)`, so these words occur in it only where they occur
// in the problem.
const WORDS: Record<string, readonly string[]> = { '(1)': PAREN, '(I)': PAREN, 'Ⅰ': [...FULL_ROMAN], '①': [...CIRCLED], '(a)': PAREN, part: ['part'] };
for (const scheme of SCHEMES) if (WORDS[scheme.name]) scheme.gate = gated(scheme.re, WORDS[scheme.name]);

/** Something that asks: a question mark or an instruction/question word. */
const ASKS = /\?|？|\b(?:find|calculate|compute|determine|evaluate|simplify|solve|prove|show that|explain|write down|write out|express|what is|what are|how (?:many|much|long|far|fast|old|large|big|often)|which (?:of|one)|list all|sketch|draw|give an? (?:example|reason|formula)|estimate|factori[sz]e|expand|derive|verify|discuss|compare|fill in|complete the|judge|identify)\b|求|计算/i;

/** An instruction introducing a list of exercises: "Calculate:", "Simplify the following:", "Solve the equations". */
const COMPUTE_PREAMBLE = /\b(?:calculate|compute|simplify|evaluate|factori[sz]e|expand|solve)\b(?:\s+(?:the\s+)?(?:following|these|each))?[^.?]{0,40}[:：]?\s*\$?$/i;
/**
 * A question that hands its asking to a list: "Find the domains of the following functions:",
 * "find:", "Prove:", "answer the following questions:", "Determine the greatest value of (1) ...
 * (2) ...". Not a list of conditions: "Find all
 * $f$ satisfying:", "such that:", "with the following properties:".
 */
const ASKING_PREAMBLE = /\b(?:find|determine|compute|calculate|simplify|evaluate|solve|prove|show|factori[sz]e|expand|answer|translate|convert|write)\b[^.?:：]{0,80}(?:[:：]|\bthat|\bof)\s*\$?$|\b(?:find|determine|compute|calculate|evaluate)\s*\$?$/i;
const CONDITIONS_PREAMBLE = /\b(?:satisf\w*|such\s+that|conditions?|propert(?:y|ies)|if|when|where|with|given)\b[^.?:：]*$/i;

/** The preamble's last clause asks and does not announce conditions. */
function asksThroughList(preamble: string): boolean {
  const clause = preamble.split(/[,;，；]/).at(-1) ?? '';
  return ASKING_PREAMBLE.test(clause) && !CONDITIONS_PREAMBLE.test(clause);
}

interface Part {
  label: string;
  text: string;
}

function partsOf(text: string, scheme: Scheme): Part[] {
  const hits: { label: string; n: number; index: number; end: number }[] = [];
  scheme.re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = scheme.re.exec(text)) !== null) hits.push({ label: m[0].trim(), n: scheme.order(m[1]), index: m.index, end: m.index + m[0].length });
  // the run 1, 2, 3, ... in order, starting at 1 (a stray "(2)" reference is not a run)
  const run: typeof hits = [];
  for (const h of hits) {
    if (h.n === run.length + 1) run.push(h);
    else if (h.n === 1 && run.length < 2) run.splice(0, run.length, h);
  }
  if (run.length < 2) return [];
  return run.map((h, k) => ({ label: h.label, text: text.slice(h.end, k + 1 < run.length ? run[k + 1].index : text.length) }));
}

export function multiPartEvidence(problem: string): string | null {
  // labels set in math, "& \text{a)} ..." lines of an aligned block, start lines of their own
  const text = stripAsy(problem).replace(/\\text\{\s*([a-h1-9])\)\s*\}/g, '\n$1) ');
  for (const scheme of SCHEMES) {
    if (scheme.gate && !scheme.gate.may(text, problem)) continue;
    const parts = partsOf(text, scheme);
    if (parts.length < 2) continue;
    // the last part also carries any closing question of the whole problem; a list of
    // conditions followed by one question therefore has exactly one asking part
    // "Calculate: (1) ...; (2) ..." the instruction comes first and each part is its own exercise
    const preamble = text.slice(0, text.indexOf(parts[0].label)).trim();
    if ((COMPUTE_PREAMBLE.test(preamble) || asksThroughList(preamble)) && parts.every((p) => /\$|\d|\\\(/.test(p.text))) {
      return `${parts.length} exercises after "${preamble.slice(-40)}" (${scheme.name})`;
    }
    const asking = parts.filter((p, k) => ASKS.test(k + 1 < parts.length ? p.text : lastPartOwnText(p.text)));
    if (asking.length >= 2) {
      return `${asking.length} parts ask (${scheme.name}): ${asking.map((p) => `${p.label} ${p.text.trim().slice(0, 40)}`).join(' | ')}`;
    }
  }
  return null;
}

/**
 * Unlabelled separate questions: two sentences that each ask something ("What is the number?
 * Is it odd or even?", "... find the smallest $x$. Determine the largest $n$ ..."). A question
 * followed by an instruction about the answer ("Express your answer as a fraction.", "Round to
 * the nearest tenth.", "Justify your answer.") is one question; a question quoted inside the
 * story ("Alice asks, 'how old are you?'") does not ask the solver.
 */
const MATH_MASK = /\$\$[\s\S]*?\$\$|\$(?:\\.|[^$\\])*\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)|\\begin\{(\w+\*?)\}[\s\S]*?\\end\{\1\}/g;
/** A direct question to the solver. */
const QUESTION = /^(?:what|which|how|who|whom|whose|when|where|why|is|are|was|were|does|do|did|can|could|will|would|should|find|determine|compute|calculate|evaluate)\b[^?]*[^\s?]\?$/i;
/** A paragraph that is a whole problem of its own: it asks, and its last sentence asks. */
const ASKS_LAST = /(?:\b(?:find|determine|compute|calculate|evaluate|what|how)\b[^.?!]*[.?]|\?)\s*$/i;
const IMPERATIVE_START = /^(?:find|determine|compute|calculate|evaluate|solve|what|how|which)\b/i;

export function separateQuestions(problem: string): string | null {
  // two questions need two "?", a second paragraph a line break; the masking below adds neither
  const first = problem.indexOf('?');
  const twoMarks = first >= 0 && problem.includes('?', first + 1);
  const lines = problem.includes('\n');
  if (!twoMarks && !lines) return null;
  const text = stripAsy(problem)
    .replace(MATH_MASK, (m) => m.replace(/[.?!\n]/g, ' '))
    // quoted speech and asides are part of the story
    .replace(/["“][^"”]*["”]/g, ' ')
    .replace(/\([^()]*\)/g, ' ')
    .trim();
  // two direct questions in a row: "What is the number? Is it odd or even?"
  if (twoMarks) {
    const sentences = text.split(/(?<=[.?!])\s+/).map((s) => s.trim()).filter(Boolean);
    const questions = sentences.filter((s) => QUESTION.test(s));
    if (questions.length >= 2) return `${questions.length} separate questions: ${questions.map((s) => s.slice(0, 50)).join(' | ')}`;
  }
  if (!lines) return null;
  // two paragraphs that are each a whole problem (concatenated problems)
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  for (let k = 1; k < paragraphs.length; k++) {
    // (a bulleted list of questions, as in a survey, is data of the problem)
    if (/\\bullet|^\s*(?:[-*•]|[a-z]\))\s/m.test(paragraphs[k - 1])) continue;
    if (ASKS_LAST.test(paragraphs[k - 1]) && IMPERATIVE_START.test(paragraphs[k]) && ASKS_LAST.test(paragraphs[k])) {
      return `two problems in one: "${paragraphs[k - 1].slice(-50)}" | "${paragraphs[k].slice(0, 50)}"`;
    }
  }
  return null;
}

/**
 * The last part runs to the end of the text, so it also holds a closing sentence that belongs
 * to the whole problem ("... (3) x+y=1. Find all x."): keep only its first sentence-or-line.
 */
function lastPartOwnText(s: string): string {
  const t = s.trim();
  const line = t.split(/\n\s*\n/)[0];
  return line;
}

/**
 * A second problem appended to the first: OpenMathInstruct-2's generator sometimes keeps its own
 * scaffolding ("Another problem inspired by this one:", "Let's create a new problem ...
 * Problem:"), so the row holds two problems and the answer belongs to one of them.
 */
const APPENDED_PROBLEM = /\b(?:another|a\s+new|new|similar|second)\s+(?:math\s+)?problem\b[^.\n:]{0,60}?(?:inspired|:)|(?:^|\n)\s*(?:new\s+)?problem\s*(?:\d+\s*)?:/i;
const APPENDED_PROBLEM_GATE = gated(APPENDED_PROBLEM, ['problem']);

export function appendedProblem(problem: string): string | null {
  const m = APPENDED_PROBLEM_GATE.may(problem) ? APPENDED_PROBLEM.exec(problem) : null;
  if (!m) return null;
  // a real second problem: text after the marker, and a first problem that asks (not a worked
  // example that only leads to the new problem: then there is one question)
  const before = problem.slice(0, m.index).trim(), after = problem.slice(m.index + m[0].length);
  if (before.length < 20 || after.trim().length < 20) return null;
  const lastSentence = before.replace(/\$[^$]*\$/g, '§').split(/(?<=[.?!])\s+/).filter((x) => x.trim()).at(-1) ?? '';
  if (!/inspired/i.test(m[0]) && !/\?\s*$|^(?:find|compute|calculate|determine|evaluate|solve|simplify|what|how)\b/i.test(lastSentence.trim())) return null;
  return `a second problem follows "${m[0].trim().slice(0, 60)}"`;
}

/** Several fill-in blanks, each its own answer. */
export function blanksEvidence(problem: string): string | null {
  const n = blankCount(problem);
  return n >= 2 ? `${n} blanks to fill` : null;
}

/** Every reading of the problem text alone (memoised: `multiple_answers` asks too). */
export const problemParts = lastArgMemo((problem: string): string | null =>
  multiPartEvidence(problem) ?? appendedProblem(problem) ?? blanksEvidence(problem) ?? separateQuestions(problem),
);

/**
 * "Find the general term and the sum of the first $n$ terms": one sentence asking for two
 * quantities, confirmed by a solution that boxes two different results (a single tuple answer,
 * "find the ordered pair", is one box). Options present make it a choice, not two questions.
 */
const TWO_ASKED = /\b(?:find|determine|calculate|compute|what\s+(?:is|are)|write\s+down)\b[^.?;]*?\b(?:and|as\s+well\s+as)\s+(?:the|its|their|an?|all)\b/i;

/** Sentences that ask ("If its perimeter is $p$, find $p$.", "How many ...?"). */
const ASKING_SENTENCE = /\b(?:find|determine|calculate|compute|what|how\s+(?:many|much))\b[^.?!]*[.?!]?/gi;

export function boxedPartsEvidence(rec: FilterInput): string | null {
  if (rec.answer_origin !== 'solution_boxed' || !rec.solution || findOptions(rec.problem)) return null;
  const prose = rec.problem.replace(MATH_MASK, (m) => m.replace(/[.?!]/g, ' '));
  const twoAsked = TWO_ASKED.test(prose) || (prose.match(ASKING_SENTENCE) ?? []).length >= 2;
  if (!twoAsked) return null;
  const boxes = distinctBoxes(rec.solution);
  return boxes.length >= 2 ? `asks for several results and the solution boxes ${boxes.length}: ${boxes.slice(0, 3).map((b) => `\\boxed{${b.slice(0, 30)}}`).join(', ')}` : null;
}

/** Every reading of the record (memoised on the record: `multiple_answers` asks too). */
export const multiPartReading = lastArgMemo((rec: FilterInput): string | null => problemParts(rec.problem) ?? boxedPartsEvidence(rec));

export const multiPart: Filter = {
  name: 'multi_part',
  reason: 'multi_part',
  apply(rec) {
    const ev = multiPartReading(rec);
    return signal(this, ev !== null, ev ?? '');
  },
};
