import type { RelOp } from './types.ts';

/** The LaTeX and plain-text names the parser gives a meaning to. */

export const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega', 'Gamma',
  'Delta', 'Theta', 'Lambda', 'Xi', 'Sigma', 'Phi', 'Psi', 'Omega', 'ell']);
export const FUNCS = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'log', 'ln',
  'lg', 'exp', 'det', 'gcd', 'lcm', 'max', 'min', 'cbrt', 'sqrt', 'binom']);
export const REL_CMDS: Record<string, RelOp> = {
  le: '<=', leq: '<=', leqslant: '<=', lt: '<', ge: '>=', geq: '>=', geqslant: '>=', gt: '>', ne: '!=', neq: '!=', in: 'in',
};
export const REL_OPS: Record<string, RelOp> = { '=': '=', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '!=': '!=' };
export const MUL_CMDS = new Set(['cdot', 'times', 'ast', 'div']);
/** Letters that read as function names when followed by `(`: f(x) is an application, x(x+1) a product. */
export const FUNC_LETTERS = new Set(['f', 'g', 'h', 'F', 'G', 'H', 'P', 'Q']);
export const MATRIX_ENVS = new Set(['pmatrix', 'bmatrix', 'Bmatrix', 'matrix', 'smallmatrix', 'array', 'vmatrix', 'Vmatrix']);
