import type { Rational } from './rational.ts';

export type AnswerKind = 'number' | 'expression' | 'equation' | 'inequality' | 'interval' | 'set' | 'tuple' | 'matrix';

export type RelOp = '=' | '<' | '<=' | '>' | '>=' | '!=' | 'in';

/**
 * Expression tree. `decimal` remembers that a number was written as a decimal, because the
 * decimal policy of the comparator treats written decimals as possibly rounded.
 */
export type Expr =
  | { type: 'num'; value: Rational; decimal: string | null }
  | { type: 'sym'; name: string }
  | { type: 'add'; args: Expr[] }
  | { type: 'mul'; args: Expr[] }
  | { type: 'neg'; arg: Expr }
  | { type: 'div'; num: Expr; den: Expr }
  | { type: 'pow'; base: Expr; exp: Expr }
  | { type: 'pm'; left: Expr | null; right: Expr }
  | { type: 'fn'; name: string; args: Expr[] };

/** Raw syntax tree from the parser, before classification. */
export type Node =
  | { type: 'expr'; expr: Expr }
  | { type: 'rel'; ops: RelOp[]; parts: Node[] }
  | { type: 'list'; open: string; close: string; items: Node[] }
  | { type: 'union'; args: Node[] }
  | { type: 'matrix'; rows: Node[][] }
  | { type: 'text'; text: string };

export interface Interval {
  lo: Expr;
  hi: Expr;
  loClosed: boolean;
  hiClosed: boolean;
}

export type NotClosedReason =
  | 'empty' | 'prose' | 'option_letter' | 'yes_no' | 'true_false' | 'unparseable' | 'too_long' | 'too_deep'
  | 'ellipsis' | 'multiple_answers_text';

export type ParsedAnswer =
  | { kind: 'number'; expr: Expr }
  | { kind: 'expression'; expr: Expr }
  | { kind: 'equation'; lhs: Expr; rhs: Expr }
  | { kind: 'inequality'; parts: Expr[]; ops: RelOp[] }
  | { kind: 'interval'; parts: Interval[] }
  /** `ordered: false, braces: false` is a bare comma list ("1, 2"); see compare.ts for how lists match. */
  | { kind: 'set'; items: ParsedAnswer[]; braces: boolean }
  /** `labels` when written as `a=2, b=3`: then a labelled answer in another order is the same answer. */
  | { kind: 'tuple'; items: ParsedAnswer[]; labels?: string[] }
  | { kind: 'matrix'; rows: Expr[][] }
  | { kind: 'not_closed_form'; reason: NotClosedReason; text: string };

export interface Classification {
  closedForm: boolean;
  kind: AnswerKind | 'not_closed_form';
  canonical: string | null;
  reason: string | null;
}

/**
 * How a written decimal relates to an exact value:
 * - 'exact': decimals are exact rationals, so 0.333 differs from 1/3;
 * - 'rounded' (default): a decimal with k places and at least `minSignificantDigits` significant digits
 *   equals an exact value that rounds or truncates to it at k places (0.333 = 1/3, 0.33 does not);
 * - 'tolerance': every value is compared with the relative tolerance `relTol`.
 */
export type DecimalPolicy = 'exact' | 'rounded' | 'tolerance';

export interface CompareOptions {
  decimalPolicy?: DecimalPolicy;
  /** Significant digits a decimal needs under the 'rounded' policy (default 3). */
  minSignificantDigits?: number;
  /** Relative tolerance for floating comparisons (default 1e-9). */
  relTol?: number;
  /** Random points used to compare expressions with free variables (default 8). */
  samples?: number;
}
