import type { Expr, Node } from './types.ts';
import { ParseError } from './parse-error.ts';
import { asExpr, bracketItems, ex, fn, idExpr, num, sym } from './parse-nodes.ts';
import { FUNC_LETTERS, FUNCS } from './parse-vocabulary.ts';
import { OperatorParser } from './parse-operators.ts';

/**
 * Atoms and what binds tighter than any operator: numbers, names, brackets, script arguments
 * (`^`, `_`, `\frac` arguments), and postfix `!`, `_`, `'`. LaTeX commands come from CommandParser.
 */
export abstract class AtomParser extends OperatorParser {
  abstract command(v: string): Node;
  abstract functionCall(name: string): Node;
  abstract environment(env: string): Node;

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
}
