import { describe, expect, it } from 'vitest';
import { proseOnly, stripAsy, stripMath } from '../../../filters/text/latex.ts';
import { proseOf } from '../../../filters/figure/prose.ts';

/** The views as first written: one replacement after another (the code skips the idle ones). */
const proseOnlyReference = (text: string) =>
  stripMath(text.replace(/\[asy\][\s\S]*?(?:\[\/asy\]|$)/gi, ' '))
    .replace(/\\(?:textbf|textit|emph|text|mathrm|underline)\{([^{}]*)\}/g, '$1')
    .replace(/\\[a-zA-Z]+\*?/g, ' ')
    .replace(/\[\/?(?:i|b|u|list|\*|quote|color[^\]]*|size[^\]]*|url[^\]]*|img)\]/gi, ' ')
    .replace(/[{}_^~\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const proseOfReference = (problem: string) =>
  problem.replace(/\[asy\]([\s\S]*?)(?:\[\/asy\]|$)/gi, ' ').replace(/\$\$[\s\S]*?\$\$|\$(?:\\.|[^$\\])*\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)|\\begin\{(equation|align|gather|eqnarray|array|tabular|cases|pmatrix|bmatrix|matrix)\*?\}[\s\S]*?\\end\{\1\*?\}/g, ' § ').replace(/[ \t]+/g, ' ');

const TEXTS = [
  'Find $x$ if  $x^2=4$.\n\n Then\t\tcompute \\textbf{the sum}.',
  ' a_b{c}~d\\e ^ f \u00a0 g\u2028h ',
  '[asy]draw((0,0)--(1,1));[/asy] In the [b]figure[/b] below, $ABC$ is \\emph{right}.',
  'no markup at all, single spaces only',
  '\t leading tab and trailing blanks \t ',
  '',
];

describe('prose views', () => {
  it.each(TEXTS)('proseOnly and proseOf equal the plain chains of replacements: %j', (t) => {
    expect(proseOnly(t)).toBe(proseOnlyReference(t));
    expect(proseOf(t)).toBe(proseOfReference(t));
  });

  it('stripAsy leaves a text without a tag as it is', () => {
    expect(stripAsy('a (b) c')).toBe('a (b) c');
    expect(stripAsy('a [ASY]x[/asy] c')).toBe('a   c');
  });
});
