import { tokenize, LexError, type Token } from './lexer.ts';
import { fromDecimal, rat } from './rational.ts';
import type { Expr, Node, RelOp } from './types.ts';
import { matrixPower, matrixProduct, matrixQuotient, matrixSum, MatrixShapeError } from './matrix-ops.ts';

/**
 * Recursive-descent parser from tokens to the raw syntax tree (Node). It knows LaTeX grammar, not
 * answer semantics: deciding that `(1,2)` is a tuple and `[1,2)` an interval is classify-tree.ts's job.
 */

export class ParseError extends Error {
  reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/** Nesting deeper than this is refused rather than risking the stack. */
export const MAX_DEPTH = 120;
/** Answers are short; longer token streams and lists are refused to keep every call well under 100 ms. */
export const MAX_TOKENS = 6000;
export const MAX_LIST = 1000;

const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega', 'Gamma',
  'Delta', 'Theta', 'Lambda', 'Xi', 'Sigma', 'Phi', 'Psi', 'Omega', 'ell']);
const FUNCS = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'log', 'ln',
  'lg', 'exp', 'det', 'gcd', 'lcm', 'max', 'min', 'cbrt', 'sqrt', 'binom']);
const REL_CMDS: Record<string, RelOp> = {
  le: '<=', leq: '<=', leqslant: '<=', lt: '<', ge: '>=', geq: '>=', geqslant: '>=', gt: '>', ne: '!=', neq: '!=', in: 'in',
};
const REL_OPS: Record<string, RelOp> = { '=': '=', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '!=': '!=' };
const MUL_CMDS = new Set(['cdot', 'times', 'ast', 'div']);
/** Letters that read as function names when followed by `(`: f(x) is an application, x(x+1) a product. */
const FUNC_LETTERS = new Set(['f', 'g', 'h', 'F', 'G', 'H', 'P', 'Q']);
const MATRIX_ENVS = new Set(['pmatrix', 'bmatrix', 'Bmatrix', 'matrix', 'smallmatrix', 'array', 'vmatrix', 'Vmatrix']);

export const num = (v: string | bigint): Expr => (typeof v === 'bigint'
  ? { type: 'num', value: rat(v), decimal: null }
  : { type: 'num', value: fromDecimal(v.replace(/\.$/, ''))!, decimal: v.includes('.') && !v.endsWith('.') ? v : null });
export const sym = (name: string): Expr => ({ type: 'sym', name });
export const fn = (name: string, ...args: Expr[]): Expr => ({ type: 'fn', name, args });
const ex = (expr: Expr): Node => ({ type: 'expr', expr });

export function asExpr(n: Node): Expr {
  if (n.type === 'expr') return n.expr;
  // A one-element bracket is plain grouping.
  // A one-element bracket is plain grouping; `\left[ ... \right]` is used as big parentheses too.
  if (n.type === 'list' && n.items.length === 1 && (n.open === '(' || n.open === '{' || n.open === '' || (n.open === '[' && n.close === ']'))) {
    return asExpr(n.items[0]);
  }
  throw new ParseError('structure_in_arithmetic');
}

class Parser {
  toks: Token[];
  pos = 0;
  depth = 0;
  absOpen = 0;
  constructor(toks: Token[]) {
    this.toks = toks;
  }

  peek(k = 0): Token | undefined { return this.toks[this.pos + k]; }
  isOp(v: string, k = 0): boolean { const t = this.toks[this.pos + k]; return t !== undefined && t.t === 'op' && t.v === v; }
  isCmd(v: string, k = 0): boolean { const t = this.toks[this.pos + k]; return t !== undefined && t.t === 'cmd' && t.v === v; }
  next(): Token {
    const t = this.toks[this.pos++];
    if (!t) throw new ParseError('unexpected_end');
    return t;
  }
  expectOp(v: string): void {
    if (!this.isOp(v)) throw new ParseError(`expected ${v}`);
    this.pos++;
  }
  enter(): void { if (++this.depth > MAX_DEPTH) throw new ParseError('too_deep'); }

  parseTop(): Node {
    const n = this.semis();
    if (this.pos < this.toks.length) {
      const t = this.toks[this.pos];
      throw new ParseError(t.t === 'word' ? 'prose' : `unexpected ${t.v}`);
    }
    return n;
  }

  atListEnd(): boolean {
    const t = this.peek();
    return t === undefined || (t.t === 'op' && (t.v === ')' || t.v === ']' || t.v === '}' || t.v === '\\}' || t.v === '&' || t.v === '\\\\'))
      || t.t === 'end' || (t.t === 'cmd' && (t.v === 'rangle' || t.v === 'rbrace'));
  }

  semis(): Node {
    const first = this.commas();
    if (!this.isOp(';')) return first;
    const items = [first];
    while (this.isOp(';')) {
      this.pos++;
      if (this.atListEnd()) break;
      items.push(this.commas());
    }
    return { type: 'list', open: ';', close: '', items };
  }

  commas(): Node {
    const first = this.relation();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.pos++;
      if (this.atListEnd() || this.isOp(';')) break; // trailing comma
      if (items.length >= MAX_LIST) throw new ParseError('too_long');
      items.push(this.relation());
    }
    return { type: 'list', open: '', close: '', items };
  }

  relOp(): RelOp | null {
    const t = this.peek();
    if (!t) return null;
    if (t.t === 'op' && REL_OPS[t.v]) return REL_OPS[t.v];
    if (t.t === 'cmd' && REL_CMDS[t.v]) return REL_CMDS[t.v];
    return null;
  }

  relation(): Node {
    const first = this.union();
    let op = this.relOp();
    if (op === null) return first;
    const parts = [first];
    const ops: RelOp[] = [];
    while (op !== null) {
      this.pos++;
      ops.push(op);
      parts.push(this.union());
      op = this.relOp();
    }
    return { type: 'rel', ops, parts };
  }

  union(): Node {
    const first = this.ratio();
    if (!this.isCmd('cup')) return first;
    const args = [first];
    while (this.isCmd('cup')) {
      this.pos++;
      args.push(this.ratio());
    }
    return { type: 'union', args };
  }

  ratio(): Node {
    const first = this.additive();
    if (!this.isOp(':') && !this.isCmd('colon')) return first;
    const args = [asExpr(first)];
    while (this.isOp(':') || this.isCmd('colon')) {
      this.pos++;
      args.push(asExpr(this.additive()));
    }
    return ex(fn('ratio', ...args));
  }

  /** `+ - \pm \mp`, with a leading sign allowed. Structures (tuples, matrices) pass through when alone. */
  additive(): Node {
    this.enter();
    try {
      const terms: Expr[] = [];
      let sign = this.addOp();
      const firstNode = this.term();
      if (sign === null && this.addOpAhead() === null) return firstNode;
      if (firstNode.type === 'matrix') return this.matrixTerms(firstNode, sign);
      let cur = asExpr(firstNode);
      terms.push(this.applySign(sign, cur, true));
      while ((sign = this.addOp()) !== null) {
        cur = asExpr(this.term());
        terms.push(this.applySign(sign, cur, false));
      }
      return ex(terms.length === 1 ? terms[0] : { type: 'add', args: terms });
    } finally {
      this.depth--;
    }
  }

  /** A sum of matrices: the remaining terms of `additive` once the first turned out to be a matrix. */
  matrixTerms(first: Node, sign: string | null): Node {
    const terms = [{ node: first, negate: sign === '-' }];
    while ((sign = this.addOp()) !== null) {
      if (sign !== '+' && sign !== '-') throw new ParseError('matrix_pm');
      terms.push({ node: this.term(), negate: sign === '-' });
    }
    return guardShape(() => matrixSum(terms, asExpr));
  }

  applySign(sign: string | null, e: Expr, leading: boolean): Expr {
    if (sign === '-') return { type: 'neg', arg: e };
    if (sign === 'pm') return { type: 'pm', left: null, right: e };
    if (sign === 'mp') return { type: 'neg', arg: { type: 'pm', left: null, right: e } };
    void leading;
    return e;
  }

  addOpAhead(): string | null {
    const t = this.peek();
    if (!t) return null;
    if (t.t === 'op' && (t.v === '+' || t.v === '-')) return t.v;
    if (t.t === 'cmd' && (t.v === 'pm' || t.v === 'mp')) return t.v;
    return null;
  }
  addOp(): string | null {
    const v = this.addOpAhead();
    if (v !== null) this.pos++;
    return v;
  }

  term(): Node {
    const firstNode = this.unary();
    const more = () => this.mulOpAhead() !== null || this.startsPrimary();
    if (!more()) return firstNode;
    // Products stay expressions until a matrix takes part; from then on they are matrix products.
    let acc: Node | Expr = firstNode.type === 'expr' ? firstNode.expr : firstNode.type === 'matrix' ? firstNode : asExpr(firstNode);
    while (true) {
      const op = this.mulOpAhead();
      let rhs: Node;
      if (op !== null) {
        this.pos++;
        rhs = this.unary();
      } else if (this.startsPrimary()) {
        rhs = this.power();
      } else break;
      if (rhs.type === 'matrix' || ('type' in acc && acc.type === 'matrix')) {
        const left: Node = isNode(acc) ? acc : ex(acc);
        acc = guardShape(() => (op === '/' ? matrixQuotient(left, rhs, asExpr) : matrixProduct(left, rhs, asExpr)));
        continue;
      }
      const a: Expr = isNode(acc) ? asExpr(acc) : acc, b = asExpr(rhs);
      acc = op === '/' ? { type: 'div', num: a, den: b } : mulOf(a, b);
    }
    return isNode(acc) ? acc : ex(acc);
  }

  mulOpAhead(): string | null {
    const t = this.peek();
    if (!t) return null;
    if (t.t === 'op' && (t.v === '*' || t.v === '/')) return t.v;
    if (t.t === 'cmd' && MUL_CMDS.has(t.v)) return t.v === 'div' ? '/' : '*';
    return null;
  }

  /** Whether the next token can begin an implicitly multiplied factor. */
  startsPrimary(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.t === 'num' || t.t === 'id') return true;
    if (t.t === 'word') throw new ParseError('prose');
    if (t.t === 'op') return t.v === '(' || t.v === '{' || ((t.v === '|' || t.v === '[') && this.absOpen === 0);
    if (t.t === 'cmd') {
      return t.v === 'frac' || t.v === 'sqrt' || t.v === 'pi' || t.v === 'infty' || GREEK.has(t.v) || FUNCS.has(t.v)
        || t.v === 'lfloor' || t.v === 'lceil' || t.v === 'binom' || t.v === 'mathrm' || (t.v === 'vert' || t.v === 'lvert') && this.absOpen === 0;
    }
    return t.t === 'begin';
  }

  unary(): Node {
    if (this.isOp('-')) {
      this.pos++;
      this.enter();
      try {
        const arg = this.unary();
        if (arg.type === 'matrix') return guardShape(() => matrixProduct(ex(num('-1')), arg, asExpr));
        return ex({ type: 'neg', arg: asExpr(arg) });
      } finally { this.depth--; }
    }
    if (this.isOp('+')) { this.pos++; return this.unary(); }
    return this.power();
  }

  power(): Node {
    const base = this.postfix();
    if (!this.isOp('^')) return base;
    this.pos++;
    const exp = this.scriptArg(true);
    if (base.type === 'matrix') return guardShape(() => matrixPower(base, exp, asExpr));
    let node: Expr = { type: 'pow', base: asExpr(base), exp };
    while (this.isOp('!')) { this.pos++; node = fn('fact', node); }
    return ex(node);
  }

  /**
   * Argument of `^`, `_`, `\frac`, `\sqrt`: a braced group, or in LaTeX a single character
   * (`x^23` is x²·3, `\frac12` is ½). A multi-digit number token is split for that reason.
   */
  scriptArg(allowSigned: boolean): Expr {
    this.enter();
    try {
      const t = this.peek();
      if (!t) throw new ParseError('missing_argument');
      if (t.t === 'op' && t.v === '{') {
        this.pos++;
        const inner = this.semis();
        this.expectOp('}');
        return asExpr(inner);
      }
      if (t.t === 'num') {
        this.pos++;
        if (t.v.length > 1 && !t.v.startsWith('.')) {
          this.toks.splice(this.pos, 0, { t: 'num', v: t.v.slice(1) });
          return num(t.v[0]);
        }
        return num(t.v);
      }
      if (allowSigned && t.t === 'op' && (t.v === '-' || t.v === '+')) {
        this.pos++;
        const e = this.scriptArg(false);
        return t.v === '-' ? { type: 'neg', arg: e } : e;
      }
      if (t.t === 'op' && t.v === '(') return asExpr(this.primary());
      if (t.t === 'id') { this.pos++; return idExpr(t.v); }
      if (t.t === 'cmd') return asExpr(this.postfixOnly(this.primary()));
      throw new ParseError('bad_argument');
    } finally {
      this.depth--;
    }
  }

  postfix(): Node {
    return this.postfixOnly(this.primary());
  }

  postfixOnly(n: Node): Node {
    while (true) {
      if (this.isOp('!')) {
        this.pos++;
        if (this.isOp('!')) { this.pos++; n = ex(fn('dfact', asExpr(n))); } else n = ex(fn('fact', asExpr(n)));
      } else if (this.isOp('_')) {
        this.pos++;
        const base = asExpr(n);
        const based = this.baseNumber(base);
        if (based !== null) { n = ex(based); continue; }
        const t = this.peek();
        // Atomic subscripts name a variable (x_1, S_{ABC}); others index a sequence (F_{n-1}).
        let label: string | null = null;
        if (t && (t.t === 'num' || t.t === 'id')) { this.pos++; label = t.v; }
        else if (t && t.t === 'op' && t.v === '{') {
          const close = this.findSimpleGroup();
          if (close !== null) { label = close; }
        }
        if (base.type === 'sym' && label !== null) n = ex(sym(`${base.name}_${label}`));
        else if (base.type === 'sym') n = ex(fn('sub:' + base.name, this.scriptArg(false)));
        else if (base.type === 'fn' && (base.name === 'log' || base.name === 'lg') && base.args.length === 0) {
          n = ex(fn('logb', label !== null ? (/^\d/.test(label) ? num(label) : sym(label)) : this.scriptArg(false)));
        } else throw new ParseError('bad_subscript');
      } else if (this.isOp('\'')) {
        this.pos++;
        const base = asExpr(n);
        if (base.type !== 'sym') throw new ParseError('bad_prime');
        n = ex(sym(base.name + "'"));
      } else return n;
    }
  }

  /** `861_{12}`, `1010_2`: an integer written in another base (2 to 36); the value is what matters. */
  baseNumber(base: Expr): Expr | null {
    let neg = false;
    let digits: Expr = base;
    if (digits.type === 'neg') { neg = true; digits = digits.arg; }
    if (digits.type !== 'num' || digits.decimal !== null || digits.value.d !== 1n || digits.value.n < 0n) return null;
    let radixText: string | null = null;
    const t = this.peek();
    if (t && t.t === 'num') radixText = t.v;
    else if (t && t.t === 'op' && t.v === '{' && this.peek(1)?.t === 'num' && this.isOp('}', 2)) radixText = this.peek(1)!.v;
    if (radixText === null || !/^\d+$/.test(radixText)) return null;
    const radix = Number(radixText);
    const text = digits.value.n.toString();
    if (radix < 2 || radix > 36 || [...text].some((ch) => Number(ch) >= radix)) return null;
    this.pos += t!.t === 'num' ? 1 : 3;
    let v = 0n;
    for (const ch of text) v = v * BigInt(radix) + BigInt(Number(ch));
    const e = num(v);
    return neg ? { type: 'neg', arg: e } : e;
  }

  /** `{abc}` or `{12}` made only of letters/digits: consumes it and returns the text, else null. */
  findSimpleGroup(): string | null {
    let k = this.pos + 1;
    let text = '';
    while (k < this.toks.length) {
      const t = this.toks[k];
      if (t.t === 'op' && t.v === '}') break;
      if (t.t === 'num' || t.t === 'id' || t.t === 'word') text += t.v;
      else return null;
      k++;
    }
    if (k >= this.toks.length || text === '') return null;
    if (!/^(?:\d+|[a-zA-Z]+\d*)$/.test(text)) return null;
    this.pos = k + 1;
    return text;
  }

  primary(): Node {
    this.enter();
    try {
      return this.primaryInner();
    } finally {
      this.depth--;
    }
  }

  primaryInner(): Node {
    const t = this.next();
    switch (t.t) {
      case 'num': return ex(num(t.v));
      case 'word': throw new ParseError('prose');
      case 'id': {
        if (FUNCS.has(t.v) || t.v === 'mod') return this.functionCall(t.v);
        if (FUNC_LETTERS.has(t.v) && this.isOp('(')) {
          this.pos++;
          const inner = this.semis();
          this.expectOp(')');
          const args = inner.type === 'list' && inner.open === '' ? inner.items.map(asExpr) : [asExpr(inner)];
          return ex(fn('apply:' + t.v, ...args));
        }
        return ex(idExpr(t.v));
      }
      case 'begin': return this.environment(t.v);
      case 'end': throw new ParseError('unexpected_end_env');
      case 'op': return this.bracket(t.v);
      case 'cmd': return this.command(t.v);
    }
  }

  bracket(v: string): Node {
    if (v === '(' || v === '[') {
      if (this.isOp(')') || this.isOp(']')) { this.pos++; return { type: 'list', open: v, close: ')', items: [] }; }
      const inner = this.semis();
      const close = this.next();
      if (close.t !== 'op' || (close.v !== ')' && close.v !== ']')) throw new ParseError('unbalanced');
      return { type: 'list', open: v, close: close.v, items: bracketItems(inner) };
    }
    if (v === '{' || v === '\\{') {
      const close = v === '{' ? '}' : '\\}';
      // Set-builder {x | 2 < x < 3}: the condition is the answer.
      const t1 = this.peek(1);
      if (v === '\\{' && this.peek()?.t === 'id' && t1 && ((t1.t === 'op' && (t1.v === '|' || t1.v === ':')) || (t1.t === 'cmd' && (t1.v === 'mid' || t1.v === 'colon')))) {
        this.pos += 2;
        const cond = this.semis();
        this.expectOp(close);
        return cond;
      }
      if (this.isOp(close)) { this.pos++; return { type: 'list', open: v, close, items: [] }; }
      const inner = this.semis();
      this.expectOp(close);
      return { type: 'list', open: v, close, items: bracketItems(inner) };
    }
    if (v === '|' || v === '\\|') {
      this.absOpen++;
      try {
        const inner = asExpr(this.semis());
        this.expectOp(v);
        return ex(fn('abs', inner));
      } finally {
        this.absOpen--;
      }
    }
    throw new ParseError(`unexpected ${v}`);
  }

  command(v: string): Node {
    if (v === 'frac') {
      const a = this.scriptArg(false);
      const b = this.scriptArg(false);
      return ex({ type: 'div', num: a, den: b });
    }
    if (v === 'sqrt') {
      if (this.isOp('[')) {
        this.pos++;
        const idx = asExpr(this.additive());
        this.expectOp(']');
        return ex(fn('root', this.scriptArg(false), idx));
      }
      return ex(fn('sqrt', this.scriptArg(false)));
    }
    if (v === 'binom') {
      const a = this.scriptArg(false);
      return ex(fn('binom', a, this.scriptArg(false)));
    }
    if (v === 'pi') return ex(sym('pi'));
    if (v === 'infty' || v === 'infinity') return ex(sym('inf'));
    if (v === 'emptyset' || v === 'varnothing') return { type: 'list', open: '\\{', close: '\\}', items: [] };
    if (GREEK.has(v)) return ex(sym(v));
    if (FUNCS.has(v)) return this.functionCall(v);
    if (v === 'lfloor' || v === 'lceil') {
      const inner = asExpr(this.semis());
      const close = this.next();
      if (close.t !== 'cmd' || close.v !== (v === 'lfloor' ? 'rfloor' : 'rceil')) throw new ParseError('unbalanced');
      return ex(fn(v === 'lfloor' ? 'floor' : 'ceil', inner));
    }
    if (v === 'vert' || v === 'lvert' || v === 'mid') {
      this.absOpen++;
      try {
        const inner = asExpr(this.semis());
        const close = this.next();
        if (close.t !== 'cmd' || (close.v !== 'vert' && close.v !== 'rvert' && close.v !== 'mid')) throw new ParseError('unbalanced');
        return ex(fn('abs', inner));
      } finally {
        this.absOpen--;
      }
    }
    if (v === 'langle') {
      const inner = this.semis();
      const close = this.next();
      if (close.t !== 'cmd' || close.v !== 'rangle') throw new ParseError('unbalanced');
      return { type: 'list', open: '(', close: ')', items: inner.type === 'list' && inner.open === '' ? inner.items : [inner] };
    }
    if (v === 'ldots' || v === 'cdots' || v === 'dots' || v === 'dotsc' || v === 'dotsb' || v === 'vdots') throw new ParseError('ellipsis');
    if (v === 'mathrm' || v === 'vec' || v === 'overrightarrow' || v === 'hat' || v === 'bar' || v === 'overline' || v === 'widehat') {
      const arg = this.scriptArg(false);
      if (v === 'mathrm') return ex(arg);
      if (arg.type !== 'sym') throw new ParseError('decorated_expression');
      return ex(sym(`${v}:${arg.name}`));
    }
    if (v === 'sum' || v === 'prod') return this.bigOperator(v);
    throw new ParseError(`unsupported \\${v}`);
  }

  /** `\sum_{k=0}^{n} body`: the body is the following product, as LaTeX readers assume. */
  bigOperator(v: string): Node {
    this.expectOp('_');
    this.expectOp('{');
    const idx = this.next();
    if (idx.t !== 'id') throw new ParseError('bad_sum');
    this.expectOp('=');
    const lo = asExpr(this.additive());
    this.expectOp('}');
    this.expectOp('^');
    const hi = this.scriptArg(false);
    const body = asExpr(this.term());
    return ex(fn(v, sym(idx.v), lo, hi, body));
  }

  /** `\sin x`, `\sin^2(x)`, `\log_2 8`, `\ln(x+1)`: optional power and base, then the argument. */
  functionCall(name: string): Node {
    let power: Expr | null = null;
    let base: Expr | null = null;
    for (let k = 0; k < 2; k++) {
      if (this.isOp('^')) { this.pos++; power = this.scriptArg(true); }
      if (this.isOp('_') && (name === 'log' || name === 'lg')) { this.pos++; base = this.scriptArg(false); }
    }
    let args: Expr[];
    if (this.isOp('(')) {
      this.pos++;
      const inner = this.semis();
      this.expectOp(')');
      args = inner.type === 'list' && inner.open === '' ? inner.items.map(asExpr) : [asExpr(inner)];
    } else if (name === 'sqrt' || name === 'binom') {
      args = [this.scriptArg(false)];
      if (name === 'binom') args.push(this.scriptArg(false));
    } else {
      // Unparenthesised argument: a run of implicitly multiplied factors, stopping at the next function.
      let acc = asExpr(this.power());
      while (this.startsPrimary() && !this.startsFunction()) acc = mulOf(acc, asExpr(this.power()));
      args = [acc];
    }
    let e: Expr = base !== null ? fn('log', args[0], base) : fn(name === 'lg' ? 'log10' : name, ...args);
    if (power !== null) {
      // sin^{-1} is the inverse function, not a reciprocal.
      if (power.type === 'neg' && power.arg.type === 'num' && power.arg.value.n === 1n && power.arg.value.d === 1n
        && ['sin', 'cos', 'tan'].includes(name)) e = fn('arc' + name, ...args);
      else e = { type: 'pow', base: e, exp: power };
    }
    return ex(e);
  }

  startsFunction(): boolean {
    const t = this.peek();
    return t !== undefined && (t.t === 'cmd' || t.t === 'id') && FUNCS.has(t.v);
  }

  environment(env: string): Node {
    if (!MATRIX_ENVS.has(env)) throw new ParseError(`unsupported_env ${env}`);
    const rows: Node[][] = [];
    let row: Node[] = [];
    while (true) {
      const t = this.peek();
      if (!t) throw new ParseError('unbalanced_env');
      if (t.t === 'end') {
        this.pos++;
        if (row.length) rows.push(row);
        break;
      }
      if (t.t === 'op' && t.v === '\\\\') {
        this.pos++;
        if (row.length) rows.push(row);
        row = [];
        continue;
      }
      if (t.t === 'op' && t.v === '&') { this.pos++; continue; }
      row.push(this.relation());
      // `&` and `\\` separate cells; anything else after a cell is an error caught by the loop.
      const a = this.peek();
      if (a && !(a.t === 'end' || (a.t === 'op' && (a.v === '&' || a.v === '\\\\')))) throw new ParseError('bad_matrix');
    }
    if (env === 'vmatrix' || env === 'Vmatrix') throw new ParseError('determinant');
    const width = rows[0]?.length ?? 0;
    if (width === 0 || rows.some((r) => r.length !== width)) throw new ParseError('ragged_matrix');
    return { type: 'matrix', rows };
  }
}

/**
 * Entries inside a bracket: comma-separated, or semicolon-separated (`(0;-2;6)`) when no entry holds
 * a comma of its own.
 */
function bracketItems(inner: Node): Node[] {
  if (inner.type !== 'list') return [inner];
  if (inner.open === '') return inner.items;
  if (inner.open === ';' && inner.items.every((x) => x.type !== 'list' || x.open !== '')) return inner.items;
  return [inner];
}

/** Parse nodes carry `type` values no Expr uses ('expr', 'matrix', ...): that tells the two apart. */
function isNode(x: Node | Expr): x is Node {
  return x.type === 'expr' || x.type === 'matrix' || x.type === 'list' || x.type === 'rel' || x.type === 'union' || x.type === 'text';
}

function guardShape(f: () => Node): Node {
  try {
    return f();
  } catch (e) {
    if (e instanceof MatrixShapeError) throw new ParseError('matrix_shape');
    throw e;
  }
}

function idExpr(v: string): Expr {
  if (v === 'pi') return sym('pi');
  if (v === 'inf' || v === 'infty' || v === 'infinity') return sym('inf');
  return sym(v);
}

/** Appends in place: products are built left to right from nodes this parser just created. */
function mulOf(a: Expr, b: Expr): Expr {
  if (a.type === 'mul') {
    a.args.push(b);
    return a;
  }
  return { type: 'mul', args: [a, b] };
}

const CLOSER: Record<string, string> = { '(': ')', '{': '}' };

/**
 * `((((1))))` → `(1)`: a bracket whose whole content is another bracket of the same kind adds nothing,
 * so deep redundant nesting is unwrapped in one linear pass instead of being refused as too deep.
 */
function unwrapRedundant(toks: Token[]): Token[] {
  if (!toks.some((t, k) => t.t === 'op' && CLOSER[t.v] !== undefined && toks[k + 1]?.t === 'op' && toks[k + 1].v === t.v)) return toks;
  const match = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  toks.forEach((t, k) => {
    if (t.t !== 'op') return;
    if (CLOSER[t.v] !== undefined) stack.push(k);
    else if (t.v === ')' || t.v === '}') {
      const open = stack.pop();
      if (open !== undefined && CLOSER[toks[open].v] === t.v) { match[open] = k; match[k] = open; }
    }
  });
  const drop = new Uint8Array(toks.length);
  for (let k = 0; k + 1 < toks.length; k++) {
    const t = toks[k], u = toks[k + 1];
    if (t.t === 'op' && u.t === 'op' && t.v === u.v && CLOSER[t.v] !== undefined && match[k] >= 0 && match[k + 1] === match[k] - 1) {
      drop[k] = 1;
      drop[match[k]] = 1;
    }
  }
  return toks.filter((_, k) => drop[k] === 0);
}

/** Parses a normalised answer string. Throws ParseError with a reason. */
export function parseTree(s: string): Node {
  let toks: Token[];
  try {
    toks = tokenize(s);
  } catch (e) {
    if (e instanceof LexError) throw new ParseError('unparseable');
    throw e;
  }
  if (toks.length === 0) throw new ParseError('empty');
  if (toks.length > MAX_TOKENS) throw new ParseError('too_long');
  return new Parser(unwrapRedundant(toks)).parseTop();
}
