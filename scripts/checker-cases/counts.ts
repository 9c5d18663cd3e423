/** Prints the per-category, per-split counts table of the case corpus (for its README). */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/checker/cases');
const counts = new Map<string, number[]>();
['tune', 'test'].forEach((split, s) => {
  for (const line of readFileSync(join(dir, `${split}.jsonl`), 'utf8').split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line) as { category: string; expected: boolean };
    const c = counts.get(r.category) ?? [0, 0, 0, 0];
    c[2 * s + (r.expected ? 0 : 1)]++;
    counts.set(r.category, c);
  }
});
const total = [0, 0, 0, 0];
const lines = ['| category | tune true | tune false | test true | test false |', '| --- | ---: | ---: | ---: | ---: |'];
for (const [cat, c] of [...counts].sort()) {
  c.forEach((v, i) => { if (cat !== 'policy') total[i] += v; });
  lines.push(`| ${cat} | ${c.join(' | ')} |`);
}
lines.push(`| all but policy | ${total.join(' | ')} |`);
process.stdout.write(`${lines.join('\n')}\n`);
