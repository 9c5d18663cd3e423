/**
 * Inputs built to make a math checker hang, recurse deeply or allocate without bound: towers of powers,
 * huge factorials, thousands of nested brackets, 100,000 spaces. The checker's tests run each through
 * every entry point; scripts/bench-serve.ts sends them through the reward server.
 */
export const HOSTILE = [
  '10^{10^{10}}', '10^{10^{10^{10}}}', '2^{2^{2^{2^{2^{2}}}}}', '9^{9^9}!', '(10^{100})!', '\\binom{10^{9}}{5\\cdot 10^{8}}',
  '('.repeat(400) + '1' + ')'.repeat(400), '{'.repeat(400) + '1' + '}'.repeat(400), '\\sqrt{'.repeat(400) + '2' + '}'.repeat(400),
  '-'.repeat(5000) + '1', 'x^'.repeat(400) + '2', '1'.repeat(5000), '1'.repeat(5000) + '/' + '7'.repeat(5000),
  '0.' + '3'.repeat(5000), '1+'.repeat(3000) + '1', 'x'.repeat(5000), '\\frac{'.repeat(300) + '1' + '}{2}'.repeat(300),
  '$'.repeat(10000), '\\boxed{'.repeat(2000), 'a,'.repeat(3000) + 'a', '(1,2),'.repeat(1000) + '(1,2)', '\\left('.repeat(500),
  '1.' + '0'.repeat(3000) + '1', '\\text{' + 'a '.repeat(3000) + '}', ' '.repeat(100000), '\\'.repeat(10000), '^'.repeat(10000),
  '\\begin{pmatrix}' + '1&'.repeat(500) + '1\\end{pmatrix}', '\\sum_{k=0}^{10^{9}} k', '\\sin(' .repeat(200) + 'x' + ')'.repeat(200),
  '1,000,'.repeat(2000), '\\overline{' + '3'.repeat(100) + '}',
];
