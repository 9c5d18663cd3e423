import { describe, expect, it } from 'vitest';
import { figureRequired } from '../../filters/figure-required.ts';
import { cleanRecord } from '../../filters/clean/index.ts';
import { config, input } from './helpers.ts';

/** The input as the pipeline builds it: problem cleaned, cleaning names passed along. */
function run(problem: string, policy: 'asy_any' | 'needs_figure' = 'needs_figure') {
  const rec = input({ problem });
  const c = cleanRecord(rec);
  return figureRequired.apply({ ...rec, problem: c.problem, cleaning: c.cleaning, problem_original: c.problem_original }, config({ filters: { figure_policy: policy } })).fired;
}
const ASY = '[asy]draw((0,0)--(1,1));[/asy]';

describe('figure_required', () => {
  it.each([
    'In the diagram, $ABC$ is a straight line. What is $x$?',
    'As shown in the figure, find the area of the shaded region.',
    'The graph of $y=f(x)$ is shown below. How many solutions does $f(f(x))=3$ have?',
    'Five cards are lying on a table as shown. Which card must be turned?',
    'The data in the table below shows the percent of riders. Find the mean.',
    'On each spin of the spinner shown, each number is equally likely. Find the most likely product.',
    'What percent of square $ABCD$ is shaded? ' + ASY,
    'What is the area, in square units, of triangle $ABC$? ' + ASY,
  ])('fires: %s', (p) => expect(run(p)).toBe(true));

  it.each([
    'Derek is trying to figure out how tall the crane is. Find its height if it is $28$ feet taller than the $200$-foot building.',
    'How many significant figures does $0.004050$ have?',
    'What is the area of the figure formed by the lines $y=x$, $y=-x$ and $y=4$?',
    'Two balls are drawn at random from the bin. What is the probability both are red?',
    'A square is drawn such that one of its sides coincides with the line $y=5$. Find its area.',
    'The first six rows of Pascal\'s triangle are shown below. \\begin{tabular}{c}1\\\\1 1\\end{tabular} How many are even?',
    'Cards are placed on the table in order. How many arrangements are there?',
    'The volume of a cylinder is $54\\pi$. What is the volume of a cone with the same radius and height? ' + ASY,
  ])('does not fire under needs_figure: %s', (p) => expect(run(p)).toBe(false));

  it('asy_any rejects every Asymptote figure, needs_figure only needed ones', () => {
    const decorative = 'The volume of a cylinder is $54\\pi$. What is the volume of a cone with the same radius and height? ' + ASY;
    expect(run(decorative, 'asy_any')).toBe(true);
    expect(run(decorative, 'needs_figure')).toBe(false);
  });
});
