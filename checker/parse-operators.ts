import type { Expr, Node, RelOp } from './types.ts';
import { matrixPower, matrixProduct, matrixQuotient, matrixSum } from './matrix-ops.ts';
import { MAX_LIST, ParseError } from './parse-error.ts';
import { asExpr, ex, fn, guardShape, isNode, mulOf, num } from './parse-nodes.ts';
import { FUNCS, GREEK, MUL_CMDS, REL_CMDS, REL_OPS } from './parse-vocabulary.ts';
import { TokenCursor } from './token-cursor.ts';

/**
 * The operator levels of the grammar, loosest first: `;` lists, `,` lists, relations, `\cup`, ratios,
 * sums, products (implicit or written), unary signs and powers. Atoms come from AtomParser.
 */
export abstract class OperatorParser extends TokenCursor {
  abstract postfix(): Node;
  abstract scriptArg(allowSigned: boolean): Expr;

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
}
