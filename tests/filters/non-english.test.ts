import { describe, expect, it } from 'vitest';
import { detectNonEnglish, mostlyEnglishWords } from '../../filters/non-english.ts';

describe('non_english', () => {
  it.each([
    'Soit $f$ une fonction définie sur $\\mathbb{R}$ telle que pour tout réel $x$, on a $f(x+1) = 2f(x)$. Déterminer $f(3)$ sachant que $f(0)=1$.',
    'Sea $x$ un número real tal que $x^2 - 5x + 6 = 0$. Encuentra la suma de todas las soluciones posibles de la ecuación.',
    'Es sei $n$ eine natürliche Zahl, so dass $n^2 + 1$ durch $5$ teilbar ist. Bestimmen Sie die kleinste solche Zahl.',
    'Seja $a$ um número inteiro positivo tal que a soma dos seus divisores é igual a $28$. Determine o valor de $a$.',
    '已知函数 $f(x)=x^2-2x+3$，求 $f(x)$ 在区间 $[0,3]$ 上的最大值。',
    'Найдите все натуральные числа $n$, для которых число $n^2+1$ делится на $5$.',
  ])('fires on %s', (text) => {
    expect(detectNonEnglish(text).fired).toBe(true);
  });
  it.each([
    'Find the number of positive integers $n$ less than $1000$ such that $n^2 + 1$ is divisible by $5$.',
    'Let $f(x) = x^2 - 2x + 3$. What is the maximum value of $f$ on the interval $[0, 3]$?',
    'Compute $\\displaystyle\\sum_{k=1}^{100} k^2$.',
    'Tom has 5 apples. He gives 2 to Mary. How many apples does Tom have left?',
    'A regular hexagon ABCDEF has side length 2. Compute the area of triangle ACE.',
  ])('keeps English: %s', (text) => {
    expect(detectNonEnglish(text).fired).toBe(false);
  });
  it('the function-word shortcut only claims clear English', () => {
    expect(mostlyEnglishWords('Find the sum of all the values of x for which the equation holds.')).toBe(true);
    expect(mostlyEnglishWords('Soit f une fonction telle que on a f(x) pour tout x réel')).toBe(false);
    expect(mostlyEnglishWords('Compute 2+2.')).toBe(false);
  });
  it('counts function words in place as the word regex over the lower-cased text does', () => {
    const english = new Set(('the of and a an to in is are be that it for on with as by at from this which what how many find if then let its their there was were has have each all any such than when where who whose given number value determine compute calculate show what\'s or not into can does').split(' '));
    const reference = (prose: string) => {
      const words = prose.slice(0, 300).toLowerCase().match(/[a-z']+/g) ?? [];
      const hits = words.filter((w) => english.has(w)).length;
      return words.length >= 6 && hits >= 3 && hits >= 0.25 * words.length;
    };
    const texts = [
      "WHAT'S THE VALUE OF X IF IT IS GIVEN THAT",
      'the2of3and4a5an6to',
      'Determinethe calculated values, computes shows: thee ofthe anda',
      `${'x '.repeat(140)}the of and a an to in is`,
      `${'word '.repeat(58)}the the the the`,
      "it's a number that can be found by the formula: don't",
      'Find the Kelvin value of the number in the box and its sign',
      'Find the value of the number in the box and its sign ①',
      'Sea el número de la suma de los',
    ];
    for (const t of texts) expect(mostlyEnglishWords(t), t).toBe(reference(t));
  });
});
