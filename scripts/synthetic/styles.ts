/**
 * Problem styles planted on top of perturbed templates: multiple choice (cn_k12 `A: ...` lines,
 * AMC `\textbf{(A) }`), multi-part `(1) ... (2) ...`, proofs, Chinese problems, prose answers,
 * forum attributions and links. Each returns a new {problem, solution, answer}.
 */
import type { Rng } from './prng.ts';
import type { Template } from './templates.ts';
import { applyNumbers, numberMap, reboxLast, unbox } from './text.ts';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

/** Distractors: the answer with its numbers re-drawn, else answers borrowed from other templates. */
function options(answer: string, n: number, rng: Rng, borrow: () => string): { opts: string[]; correct: number } {
  const opts = [answer];
  for (let tries = 0; opts.length < n && tries < 20; tries++) {
    let d = tries < 12 && /\d/.test(answer) ? applyNumbers(answer, numberMap(answer, rng)) : borrow();
    if (d === answer && /^-?\d+$/.test(answer)) d = String(Number(answer) + rng.int(1, 9) * (rng.chance(0.5) ? 1 : -1));
    if (d && !opts.includes(d) && d.length < 80) opts.push(d);
  }
  while (opts.length < n) opts.push(String(rng.int(2, 99) + opts.length * 100));
  const shuffled = rng.sample(opts, opts.length);
  return { opts: shuffled, correct: shuffled.indexOf(answer) };
}

/** cn_k12 layout: options on their own lines `A: $x$`, answer the letter. */
export function cnMultipleChoice(t: Template, rng: Rng, borrow: () => string): Template {
  const { opts, correct } = options(t.answer, 4, rng, borrow);
  const blank = rng.pick([' (\u3000\u3000)', ' ( )', '', ' (  )']);
  const sep = rng.chance(0.8) ? '\n' : '  ';
  const lines = opts.map((o, i) => `${LETTERS[i]}: $${o}$`).join(sep);
  const letter = LETTERS[correct];
  const boxed = rng.chance(0.7) ? letter : `\\text{${letter}}`;
  const close = rng.pick([
    `Therefore, the correct choice is $\\boxed{${boxed}}$.`,
    `Hence, the answer is $\\boxed{${boxed}}$.`,
    `So the correct option is $\\boxed{${boxed}}$.`,
  ]);
  return { problem: `${t.problem.trimEnd()}${blank}\n${lines}`, solution: `${unbox(t.solution).trimEnd()}\n\n${close}`, answer: boxed };
}

/** AMC layout: `$\textbf{(A) }3\qquad\textbf{(B) }4 ...$`, answer `\textbf{(C)}\ 5`. */
export function amcMultipleChoice(t: Template, rng: Rng, borrow: () => string): Template {
  const { opts, correct } = options(t.answer, 5, rng, borrow);
  const wide = rng.chance(0.5);
  const body = opts.map((o, i) => (wide ? `\\textbf{(${LETTERS[i]}) }${o}` : `\\textbf{(${LETTERS[i]})}\\ ${o}`)).join(' \\qquad ');
  const letter = LETTERS[correct];
  const ans = rng.chance(0.6) ? `\\textbf{(${letter})}\\ ${opts[correct]}` : `\\text{(${letter})}`;
  return {
    problem: `${t.problem.trimEnd()}\n\n$${body}$`,
    solution: `${unbox(t.solution).trimEnd()}\n\nThe answer is $\\boxed{${ans}}$.`,
    answer: ans,
  };
}

/** `(1) ... (2) ...` from two problems; the solution boxes both answers. */
export function multiPart(a: Template, b: Template, rng: Rng): Template {
  const lead = rng.pick(['', 'Answer the following questions.\n', 'Solve the following two problems.\n', '']);
  const style = rng.pick([['(1)', '(2)'], ['(I)', '(II)'], ['1.', '2.'], ['(1)', '(2)']]);
  const p1 = a.problem.trim();
  const p2 = b.problem.trim();
  const problem = `${lead}${style[0]} ${p1}\n${style[1]} ${p2}`;
  const solution = `${style[0]} ${a.solution.trim()}\n\n${style[1]} ${b.solution.trim()}`;
  return { problem, solution, answer: `${a.answer}; ${b.answer}` };
}

const PRIMES = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113];
const FOR_ALL = ['for every positive integer $n$', 'for all integers $n$', 'for each integer $n \\ge 1$', 'for any natural number $n$'];
const PROVE = ['Prove that', 'Show that', 'Prove that', 'Demonstrate that'];

/** A proof problem: the answer is not a value, the solution ends in a proof mark. */
export function proof(t: Template, rng: Rng): Template {
  const p = rng.pick(PRIMES);
  const m = rng.int(2, 400);
  const s = rng.int(2, 400);
  const prove = rng.pick(PROVE);
  const all = rng.pick(FOR_ALL);
  const nonSquare = (x: number) => (Number.isInteger(Math.sqrt(x)) ? x + 1 : x);
  const claims: (() => [string, string])[] = [
    () => [`${prove} ${all}, the number $n^{${p}} - n + ${p * m}$ is divisible by $${p}$.`, `By Fermat's little theorem, $n^{${p}} \\equiv n \\pmod{${p}}$ for every integer $n$, since $${p}$ is prime, and $${p * m} = ${p} \\cdot ${m}$. Hence $${p}$ divides $n^{${p}} - n + ${p * m}$.`],
    () => [`${prove} $\\sqrt{${nonSquare(m * 7 + s)}}$ is irrational.`, `Suppose $\\sqrt{N} = p/q$ in lowest terms. Then $p^2 = N q^2$, and comparing the exponent of a prime dividing $N$ an odd number of times on both sides gives a contradiction.`],
    () => [`Let $a, b, c$ be positive real numbers with $a + b + c = ${s}$. ${prove} $ab + bc + ca \\le \\frac{${s * s}}{3}$.`, `We have $(a+b+c)^2 = a^2+b^2+c^2 + 2(ab+bc+ca) \\ge 3(ab+bc+ca)$, because $a^2+b^2+c^2 \\ge ab+bc+ca$ is equivalent to $\\frac{1}{2}\\sum (a-b)^2 \\ge 0$. Hence $ab+bc+ca \\le \\frac{${s}^2}{3}$.`],
    () => [`Let $x, y, z > 0$ with $xyz = ${m}$. ${prove} $x + y + z \\ge 3\\sqrt[3]{${m}}$.`, `By the AM-GM inequality, $\\frac{x+y+z}{3} \\ge \\sqrt[3]{xyz} = \\sqrt[3]{${m}}$, with equality when $x = y = z$.`],
    () => [`${prove} the equation $x^2 + y^2 = ${4 * m + 3}$ has no solutions in integers $x, y$.`, `Squares are $0$ or $1$ modulo $4$, so $x^2 + y^2$ is $0$, $1$ or $2$ modulo $4$, while $${4 * m + 3} \\equiv 3 \\pmod 4$.`],
    () => [`In triangle $ABC$ with $AB = ${s}$ and $AC = ${s + m}$, let $M$ be the midpoint of $BC$. ${prove} $AM < ${s + Math.ceil(m / 2) + 1}$.`, `Extend $AM$ past $M$ to $D$ with $MD = AM$. Then $ABDC$ is a parallelogram, so $2AM = AD < AB + BD = AB + AC$, which gives the bound.`],
    () => [`${prove} among any ${m + 1} integers there are two whose difference is divisible by ${m}.`, `There are only ${m} residues modulo ${m}, so by the pigeonhole principle two of the ${m + 1} integers share a residue, and their difference is divisible by ${m}.`],
    () => [`${t.problem.trim()}\n\n${prove} your answer is correct and that no other value is possible.`, `${unbox(t.solution).trim()}\n\nIt remains to check that no other value works; the argument above shows every case leads to the same value.`],
    () => [`${prove} there are infinitely many positive integers $n$ such that $n^2 + ${2 * m}$ is not prime.`, `Take $n$ even with $n > ${2 * m}$: then $n^2 + ${2 * m}$ is even and larger than $2$, hence composite.`],
    () => [`A sequence is defined by $a_1 = ${m}$ and $a_{n+1} = a_n^2 - a_n + 1$. ${prove} that any two terms of the sequence are coprime.`, `One checks by induction that $a_{n+1} - 1 = a_n(a_n - 1) = a_1 a_2 \\cdots a_n (a_1 - 1)$, so a common prime factor of $a_k$ and $a_{n+1}$ with $k \\le n$ would divide $1$.`],
  ];
  const [claim, body] = rng.pick(claims)();
  const opener = rng.pick(['', '', `Problem ${rng.int(1, 12)}. `, '', `${rng.int(1, 6)}. `]);
  const end = rng.chance(0.7) ? rng.pick(['$\\blacksquare$', 'This completes the proof. $\\blacksquare$', 'Q.E.D.', '$\\square$']) : '$\\boxed{\\text{Proved}}$';
  return { problem: opener + claim, solution: `${body}\n\n${end}`, answer: end.includes('boxed') ? '\\text{Proved}' : '' };
}

// ---------------------------------------------------------------------------------------------
// Chinese problems (NuminaMath cn_k12 keeps some untranslated). Written for this generator, with
// computed answers; several openers and verbs so siblings are not all alike.

const CN_OPEN = ['', '', '已知', '设', '若'];
const CN_HEAD = ['', '', '（本小题满分12分）', '【题目】', '例{n}．', '（{n}分）', '练习{n}：'];
const CN_ASK = ['求', '试求', '计算', '请求出'];

function sqrtText(n: number): string {
  let out = 1;
  let rest = n;
  for (let f = 2; f * f <= rest; f++) while (rest % (f * f) === 0) {
    out *= f;
    rest /= f * f;
  }
  if (rest === 1) return String(out);
  return out === 1 ? `\\sqrt{${rest}}` : `${out}\\sqrt{${rest}}`;
}

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

export function chinese(rng: Rng): Template {
  const ask = rng.pick(CN_ASK);
  const open = rng.pick(CN_OPEN);
  const head = rng.pick(CN_HEAD).replace('{n}', String(rng.int(1, 20)));
  const a = rng.int(2, 19);
  const b = rng.int(2, 19);
  const c = rng.int(1, 30);
  const n = rng.int(3, 12);
  const gens: (() => [string, string, string])[] = [
    () => [`${open}函数 $f(x)=x^2+${a}x-${c}$，${ask} $f(${b})$ 的值。`, `将 $x=${b}$ 代入得 $f(${b})=${b}^2+${a}\\times ${b}-${c}=${b * b + a * b - c}$。`, String(b * b + a * b - c)],
    () => [`${open}等差数列 $\\{a_n\\}$ 中，$a_1=${a}$，公差 $d=${b}$，${ask} $a_{${n}}$。`, `由通项公式 $a_n=a_1+(n-1)d$ 得 $a_{${n}}=${a}+${n - 1}\\times ${b}=${a + (n - 1) * b}$。`, String(a + (n - 1) * b)],
    () => [`某商店将进价为 ${c + 10} 元的商品按 ${c + 10 + a} 元出售，每天可卖出 ${b * 10} 件，${ask}每天的利润（单位：元）。`, `每件利润为 ${a} 元，所以每天利润为 $${a}\\times ${b * 10}=${a * b * 10}$ 元。`, String(a * b * 10)],
    () => [`${open}集合 $A=\\{1,${a},${a + b}\\}$，$B=\\{${a},${a + b},${a + b + c}\\}$，${ask} $A\\cap B$。`, `两个集合的公共元素为 $${a}$ 和 $${a + b}$，所以 $A\\cap B=\\{${a},${a + b}\\}$。`, `\\{${a},${a + b}\\}`],
    () => [`解不等式 $x^2-${a + a + b}x+${a * (a + b)}<0$。`, `因式分解得 $(x-${a})(x-${a + b})<0$，所以 $${a}<x<${a + b}$，解集为 $(${a},${a + b})$。`, `(${a},${a + b})`],
    () => [`一个等比数列的首项为 ${a}，公比为 2，${ask}前 ${n} 项和。`, `由求和公式 $S_n=\\frac{a_1(q^n-1)}{q-1}$ 得 $S_{${n}}=${a}\\times(2^{${n}}-1)=${a * (2 ** n - 1)}$。`, String(a * (2 ** n - 1))],
    () => [`在 $\\triangle ABC$ 中，$a=${a}$，$b=${b}$，$C=90^\\circ$，${ask}边 $c$ 的长。`, `由勾股定理得 $c=\\sqrt{${a}^2+${b}^2}=${sqrtText(a * a + b * b)}$。`, sqrtText(a * a + b * b)],
    () => [`${open}复数 $z=${a}+${b}i$，${ask} $|z|^2$。`, `$|z|^2=${a}^2+${b}^2=${a * a + b * b}$。`, String(a * a + b * b)],
    () => [`从 ${n + 3} 名学生中选出 ${Math.min(3, n)} 名参加数学竞赛，共有多少种不同的选法？`, `所求选法数为组合数 $C_{${n + 3}}^{${Math.min(3, n)}}=${binom(n + 3, Math.min(3, n))}$。`, String(binom(n + 3, Math.min(3, n)))],
    () => [`${ask}：$\\log_2 ${2 ** (n % 10 + 1)}+${c}$。`, `因为 $\\log_2 ${2 ** (n % 10 + 1)}=${n % 10 + 1}$，所以原式 $=${n % 10 + 1 + c}$。`, String(n % 10 + 1 + c)],
    () => [`${open}直线 $y=${a}x+${c}$ 与直线 $y=${a + b}x-${b}$ 相交，${ask}交点的横坐标。`, `联立得 $${a}x+${c}=${a + b}x-${b}$，所以 $x=\\frac{${c + b}}{${b}}$。`, `\\frac{${c + b}}{${b}}`],
    () => [`${open}向量 $\\vec a=(${a},${b})$，$\\vec b=(${c},${n})$，${ask} $\\vec a\\cdot\\vec b$。`, `$\\vec a\\cdot\\vec b=${a}\\times ${c}+${b}\\times ${n}=${a * c + b * n}$。`, String(a * c + b * n)],
  ];
  const [p, s, ans] = rng.pick(gens)();
  const concl = rng.pick(['故答案为', '所以答案为', '综上，答案为']);
  return { problem: head + p, solution: `解：${s}\n${concl} $\\boxed{${ans}}$。`, answer: ans };
}

/** A prose answer in place of the value (kept in `\boxed{\text{...}}`, as some upstream rows do). */
export function proseAnswer(t: Template, rng: Rng): Template {
  const a = rng.int(1, 9);
  const b = a + rng.int(1, 9);
  const prose = rng.pick([
    `\\text{The function is increasing on } (${a}, ${b}) \\text{ and decreasing elsewhere}`,
    `\\text{No such integer exists}`,
    `\\text{The sequence converges to } ${a}`,
    `\\text{It is possible if and only if } n \\text{ is even}`,
    `\\text{The first player wins}`,
    `\\text{The triangle is isosceles}`,
    `\\text{All multiples of } ${a + 1}`,
    `\\text{Yes, for example } n = ${b}`,
  ]);
  return { problem: t.problem, solution: reboxLast(t.solution, prose), answer: prose };
}

const AUTHORS = ['Evan Chen', 'Ankan Bhattacharya', 'Titu Andreescu', 'Razvan Gelca', 'Michael Ren', 'Holden Mui', 'Brandon Wang', 'Zack Chroman', 'Ray Li', 'Sean Li'];

export function forumAttribution(problem: string, rng: Rng): string {
  return `${problem.trimEnd()}\n\n${rng.pick(['[i]Proposed by ', '[i]', '*Proposed by '])}${rng.pick(AUTHORS)}${rng.pick(['[/i]', '[/i]', '*'])}`;
}

export function hyperlink(problem: string, rng: Rng): string {
  const id = rng.int(10000, 3999999);
  return rng.chance(0.5)
    ? `${problem.trimEnd()}\n\n[url=https://artofproblemsolving.com/community/c6h${id}]Source[/url]`
    : `${problem.trimEnd()} (see https://artofproblemsolving.com/community/c${rng.int(3, 5)}h${id})`;
}
