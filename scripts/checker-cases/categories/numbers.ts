/** Plain numbers: integers, decimals, fractions, mixed numbers, scientific notation, separators. */
import { caseOf, distinct, draw, hasVariable, isNumber, type Case, type Generator } from '../kit.ts';
import { bumpConstant } from '../rewrite.ts';
import { sameNumber, otherNumber } from '../perturb.ts';
import { fracTex, q } from '../exact.ts';

const C = 'numbers';

export const numbers: Generator = (golds, rng) => {
  const out: Case[] = [];
  const pool = distinct(golds).filter((g) => isNumber(g.answer));
  const ints = pool.filter((g) => /^-?\d+$/.test(g.answer));
  const big = ints.filter((g) => g.answer.replace('-', '').length >= 4);
  const nonInts = pool.filter((g) => !/^-?\d+$/.test(g.answer));
  const chosen = [...draw(nonInts, 150, rng), ...draw(big, 80, rng), ...draw(ints.filter((g) => g.answer.replace('-', '').length < 4), 60, rng)];
  for (const g of chosen) {
    const same = sameNumber(g.answer);
    if (same.length > 0) {
      const [p, how] = rng.pick(same);
      out.push(caseOf(C, g, p, true, how, { scalar: true }));
    }
    const other = otherNumber(g.answer, rng);
    if (other) out.push(caseOf(C, g, other[0], false, other[1], { scalar: true }));
    // the near miss in the rewritten form: a reader that only normalises formats must still compare values
    if (same.length > 0 && rng.chance(0.5)) {
      const [p] = rng.pick(same);
      const o = otherNumber(p.includes('\\times') || p.includes(',') ? g.answer : p, rng);
      if (o) out.push(caseOf(C, g, o[0], false, `rewritten then ${o[1]}`, { scalar: true }));
    }
  }
  // mixed numbers written in the data (HARP, MATH): the improper fraction is the same number
  for (const g of distinct(golds)) {
    const m = /^(-?)(\d+)\s*\\[dt]?frac\{(\d+)\}\{(\d+)\}$/.exec(g.answer);
    if (!m || BigInt(m[3]) >= BigInt(m[4]) || m[4] === '0') continue;
    const whole = BigInt(m[2]), num = BigInt(m[3]), den = BigInt(m[4]);
    const v = q((m[1] ? -1n : 1n) * (whole * den + num), den);
    out.push(caseOf(C, g, fracTex(v), true, 'mixed number as improper fraction'));
    out.push(caseOf(C, g, fracTex(q((m[1] ? -1n : 1n) * (whole * num), den)), false, 'mixed number read as a product'));
    if (out.length > 2000) break;
  }
  // MATH's own thousands separator `112,\\!875`: the plain integer is the same number
  for (const g of draw(distinct(golds).filter((x) => /^\d{1,3}(,\\!\d{3})+$/.test(x.answer)), 80, rng)) {
    const plain = g.answer.replace(/,\\!/g, '');
    out.push(caseOf(C, g, rng.chance(0.5) ? plain : plain.replace(/\B(?=(\d{3})+$)/g, ','), true, 'MATH thousands separator ,\\! removed'));
    const o = otherNumber(plain, rng);
    if (o) out.push(caseOf(C, g, rng.chance(0.5) ? o[0] : o[0].replace(/\B(?=(\d{3})+$)/g, ',\\!'), false, `MATH thousands separator, ${o[1]}`));
  }
  // huge and tiny constants (powers, factorials) that doubles cannot tell apart: checked in big numbers
  for (const g of distinct(golds).filter((x) => /^\\?[\w{}^!\\ -]*$/.test(x.answer) && /!|\^\{?\d{3,}/.test(x.answer) && !/,/.test(x.answer) && !hasVariable(x.answer))) {
    const pow = /^(\d+)\^\{(\d+)\}$/.exec(g.answer);
    if (pow && Number(pow[2]) % 2 === 0) out.push(caseOf(C, g, `${BigInt(pow[1]) ** 2n}^{${Number(pow[2]) / 2}}`, true, 'power with squared base', { scalar: 'confirm' }));
    else if (pow) out.push(caseOf(C, g, `${pow[1]} \\cdot ${pow[1]}^{${Number(pow[2]) - 1}}`, true, 'power split off one factor', { scalar: 'confirm' }));
    const b = bumpConstant(g.answer, rng);
    if (b) out.push(caseOf(C, g, b, false, 'huge or tiny constant, one constant changed', { scalar: 'confirm' }));
  }
  return out;
};
