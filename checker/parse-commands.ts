import type { Expr, Node } from './types.ts';
import { ParseError } from './parse-error.ts';
import { asExpr, ex, fn, mulOf, sym } from './parse-nodes.ts';
import { FUNCS, GREEK, MATRIX_ENVS } from './parse-vocabulary.ts';
import { AtomParser } from './parse-atoms.ts';

/** LaTeX commands (`\frac`, `\sqrt`, `\lfloor`, functions, big operators) and matrix environments. */
export class CommandParser extends AtomParser {
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
