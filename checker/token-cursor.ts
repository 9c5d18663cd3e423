import type { Token } from './lexer.ts';
import { MAX_DEPTH, ParseError } from './parse-error.ts';

/** A position in the token stream, with the lookahead helpers every grammar rule uses. */
export class TokenCursor {
  toks: Token[];
  pos = 0;
  depth = 0;
  /** Open `|...|` groups: inside one, a `|` closes it instead of opening another. */
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
}
