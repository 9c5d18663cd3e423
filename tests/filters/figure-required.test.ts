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
/** A removed figure that labels its points (and, with `nums`, numbers). */
const asyWith = (...labels: string[]) => `[asy]draw((0,0)--(4,0)--(0,3)--cycle);${labels.map((l) => `label("${l}",(0,0),S);`).join('')}[/asy]`;

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
    // a citation alone is a dependency under asy_any
    expect(run('A circle of radius $5$ is inscribed in a rectangle as shown. The ratio of its sides is $2:1$. Find its area.', 'asy_any')).toBe(true);
  });

  describe('kind 1: the text names a drawing as the carrier of data', () => {
    it.each([
      ['the X shown', 'What is the area in square inches of the pentagon shown? ' + ASY],
      ['X shown below', 'Find $\\tan Y$ in the right triangle shown below. ' + ASY],
      ['are shown', 'A sequence of squares is made of tiles. The first three squares are shown. How many tiles does the seventh need?'],
      ['figure on the right', 'Fourteen white cubes are put together to form the figure on the right. How many cubes have four red faces?'],
      ['this figure', 'Each of the nine dots in this figure is colored red or blue. How many colorings are there?'],
      ['following spinner', 'You see the following spinner. What is the probability of earning $\\$1700$ in three spins?'],
      ['below is the graph', 'Below is the graph of $y = a \\sin bx$ for some constants $a<0$ and $b>0$. Find $b$. ' + ASY],
      ['", shown,"', 'In $\\triangle RST$, shown, $\\sin R = \\frac{2}{5}$. What is $\\sin T$?'],
      ['figure below shows data', 'The figure below shows a game board with square $P$ in the bottom row. How many paths lead from $P$ to the top row?'],
      ['shaded region undefined', 'Circles of radius $2$ and $3$ are externally tangent and circumscribed by a third circle. Find the area of the shaded region.'],
      ['gray region undefined', 'What is the area of the gray region if the radius of the larger circle is four times that of the smaller circle? ' + ASY],
      ['is shaded', 'Point $O$ is the center of the regular octagon $ABCDEFGH$. What fraction of the area of the octagon is shaded?'],
    ])('fires: %s', (_n, p) => expect(run(p)).toBe(true));

    it.each([
      ['example only', 'A border $d$ inches wide surrounds each of $n^2$ tiles of side $s$. The figure below shows the case for $n=3$. When $n=24$ the tiles cover $64\\%$ of the region; find $d/s$. ' + ASY],
      ['example figure', 'Opposite sides of a rectangle are divided into $n$ and $m$ segments. [See figure for $n=5, m=7$.] What is the ratio of the areas? ' + ASY],
      ['shaded region bounded in text', 'Two concentric circles with radii of 19 and 29 units bound a shaded region. Find the radius of a circle with the same area. ' + ASY],
      ['shaded region defined next sentence', 'The shaded region below is called a falcata. It is bounded by the circle of radius $3$ centred at the origin and the $x$-axis. Find its area. ' + ASY],
      ['gray region bound by', 'Circles centred at $(4,4)$ and $(12,4)$ have radius 4. What is the area of the gray region bound by the circles and the $x$-axis? ' + ASY],
      ['grid described in text', 'Consider the six by six grid of unit squares below. How many rectangles of area 8 can be formed? ' + ASY],
      ['circles shown, then described', 'The circles shown continue infinitely and have diameters 16 inches, 8 inches, 4 inches, and so on. Find the total area. ' + ASY],
      ['gray tiles', 'A large square region is paved with $n^2$ gray square tiles, each $s$ inches on a side. Find $n$ if the tiles cover $64\\%$ of $900$ square inches.'],
      ['graphs are drawn (an action)', 'The graphs of $y=|x|$ and $y=-x^2-3x-2$ are drawn. Find the smallest vertical distance between them.'],
      ['Figure $ABCD$ names a polygon', 'Figure $ABCD$ is a trapezoid with $AB \\parallel DC$, $AB=5$ and $\\angle BCD=45^\\circ$. Find $DC$.'],
      ['pattern given in text', 'If the pattern shown continues, what is the letter in the $2010$th position? MATHLETEMATHLETE...'],
    ])('does not fire: %s', (_n, p) => expect(run(p)).toBe(false));
  });

  describe('kind 2: a citation counts only with evidence that the drawing carries data', () => {
    it.each([
      ['removed figure labels a number the text lacks', 'In the diagram, $E$ lies on $AB$ and triangles $AED$ and $BEC$ are isosceles. What is $\\angle EBC$? ' + asyWith('$A$', '$B$', '$C$', '$D$', '$E$', '$70^\\circ$')],
      ['removed figure labels a point the text never names', 'In the diagram, $K$, $O$ and $M$ are the centers of three semicircles and $OC=32$, $CB=36$. What is the area of the semicircle with center $K$? ' + asyWith('A', 'K', 'O', 'M', 'C', 'B', '32', '36')],
      ['arranged as shown', 'Eight square tiles are arranged as shown so their edges form a polygon. Find its perimeter.'],
      ['stacked as shown', 'Four cubes with edge lengths $1$, $2$, $3$ and $4$ are stacked as shown. How tall is the stack?'],
      ['painted ..., as shown', 'Each face of a $5\\times5\\times5$ cube is partially painted with gray paint, as shown. What fraction of the unit cubes have no paint?'],
      ['marked by', 'We know two of the squares of this Sudoku matrix, as shown. What is the probability that the square marked by ? contains 3?'],
      ['question symbol never introduced', 'The sides of this triangle are tangent to the circle as shown. What is $x$?'],
    ])('fires: %s', (_n, p) => expect(run(p)).toBe(true));

    it.each([
      ['as shown, dimensions in text', 'A company makes a container in the shape of a rectangular prism as shown. The container is $10$ by $10$ by $12$ inches. Find its surface area. ' + asyWith("$12''$", "$10''$")],
      ['In the adjoining figure, configuration stated', 'In the adjoining figure, $ABCD$ is a square, $ABE$ is an equilateral triangle and point $E$ is outside square $ABCD$. What is $\\angle AED$? ' + asyWith('$A$', '$B$', '$C$', '$D$', '$E$')],
      ['as shown in the figure, numbers in text', 'Points $X$ and $Y$ lie on diagonal $AC$ of trapezoid $ABCD$ with $BC \\parallel AD$, as shown in the figure. Suppose $AX=3$, $XY=1$ and $YC=2$. What is the area of $ABCD$? ' + asyWith('2', '1', '3', '$A$', '$B$', '$C$', '$D$', '$X$', '$Y$')],
      ['no asy, as shown cites a specified cube', 'As shown in the figure, in the cube $ABCD-A_1B_1C_1D_1$, $E$ is the midpoint of $BB_1$. Find the cosine of the angle between $AE$ and $BC_1$.'],
      ['placed in a later sentence', 'Six place mats are placed on the table. Each mat has width $1$ and length $x$ as shown. Find $x$.'],
      ['shown in the Venn diagram, counts in text', 'Sets $A$ and $B$, shown in the Venn diagram, have $3011$ elements in their union and $1000$ in common. $A$ has twice as many elements as $B$. How many are in $A$? ' + asyWith('$A$', '$B$', '1000')],
      ['question introduces its unknown', 'Let $\\mathbf{a}$ and $\\mathbf{b}$ be given vectors, as shown. Find the vector $\\mathbf{c}$ so that $\\mathbf{b}$ bisects the angle between $\\mathbf{a}$ and $\\mathbf{c}$.'],
      ['axis name is not a symbol', 'Circle $A$ is centred at $(4,4)$ with radius 4, as shown. What is the area between the circle and the $x$-axis below its center? ' + ASY],
      ['"in the form" defines the letters', 'A triangle has vertices $P=(-8,5)$, $Q=(-15,-19)$ and $R=(1,-7)$. The bisector of $\\angle P$ can be written in the form $ax+2y+c=0$. Find $a+c$. ' + ASY],
    ])('does not fire: %s', (_n, p) => expect(run(p)).toBe(false));
  });

  describe('kind 3: a removed figure defined what the question asks about', () => {
    it.each([
      ['unnamed points', 'The sum of the measures of angles $P$ and $Q$ is ' + asyWith('$P$', '$Q$')],
      ['HARP sentence without a question word', 'The area of polygon $ABCDEF$, in square units, is ' + asyWith('A', 'B', 'C', 'D', 'E', 'F', '6', '9')],
      ['trapezoid whose parallel sides only the figure shows', 'The area of trapezoid $ABCD$ is $164$. The altitude is $8$, $AB$ is $10$, and $CD$ is $17$. What is $BC$? ' + asyWith('$A$', '$B$', '$C$', '$D$', '10', '8', '17')],
    ])('fires: %s', (_n, p) => expect(run(p)).toBe(true));

    it.each([
      ['all symbols introduced', 'If $AB$ and $CD$ are perpendicular diameters of circle $Q$, $P$ is on $AQ$ and $\\angle QPC = 60^\\circ$, then $PQ/AQ$ is ' + asyWith('$A$', '$B$', '$C$', '$D$', '$P$', '$Q$')],
      ['trapezoid with its bases named', 'In trapezoid $ABCD$ with bases $AB$ and $CD$, $AB=52$, $BC=12$, $CD=39$ and $DA=5$. Find the area. ' + ASY],
      ['trapezoid inside a regular octagon', '$ABCDEFGH$ is a regular octagon of side 12. Find the area of trapezoid $BCDE$. ' + ASY],
      ['the question letter is listed with "are"', 'Let $m$ and $n$ be integers with $m+n=10$. Triangle sides are $m$ and $n$. Find $mn$ where $m$ and $n$ are positive. ' + ASY],
    ])('does not fire: %s', (_n, p) => expect(run(p)).toBe(false));
  });

  describe('a drawing whose own sentence says what it shows only illustrates', () => {
    it.each([
      ['regular polygon depicted', 'A regular nonagon is inscribed in a circle of radius $2$, as depicted below. What is the perimeter of the nonagon? ' + ASY],
      ['evenly spaced, as shown', 'Six lamps are evenly spaced along a straight path of length $50$ m, as shown below. How far apart are neighbouring lamps? ' + ASY],
      ['constructed by the text', 'A $1\\times1\\times1$ cube is removed from a corner of a $3\\times3\\times3$ cube, creating the solid shown. What is the volume of the solid?'],
      ['an example of a kind', 'A box, such as the one shown below, has edges $2$, $3$ and $4$. What is its surface area?'],
      ['shading created by a removal', 'A circle of radius $1$ is removed from a $4\\times4$ square, creating the shaded region. What is the area of the shaded region? ' + ASY],
      ['"as follows" is not a drawing', 'A sequence is defined as follows: $b_1=2$ and $b_{n+1}=3b_n$. Find $b_5$.'],
      ['"the figure" is the shape the text defines', 'Square $PQRS$ has vertices $P(0,0)$, $Q(2,0)$, $R(2,2)$, $S(0,2)$. When the figure is rotated $90^\\circ$ about $P$ and reflected in the line $y=5$, where does $R$ go?'],
      ['example symbols are not asked about', 'How many pairs of opposite faces, such as $ABCD$ and $EFGH$, does a cube have? ' + asyWith('$A$', '$B$', '$C$', '$D$', '$E$', '$F$', '$G$', '$H$')],
    ])('does not fire: %s', (_n, p) => expect(run(p)).toBe(false));
    it.each([
      ['data shown only in a graph', 'The number of books read by four students are displayed in the graph. Which total did the top two read together?'],
      ['a polyomino only drawn', 'Each square of the following pentomino has side $1$. What is its perimeter?'],
      ['a number line shown', 'On the number line shown, $PS=12$ and $QR=4$. What is $PQ$? ' + ASY],
      ['equally likely is not evenly spaced', 'On each spin of the spinner shown, each number is equally likely. Find the most likely product.'],
    ])('fires: %s', (_n, p) => expect(run(p)).toBe(true));
  });
});
