import { readFileSync } from 'node:fs';
import { normalizeProblem } from './pipeline/dedup/normalize.ts';
const ids = new Set(readFileSync('/tmp/dd/fn.txt', 'utf8').split('\n').filter(Boolean));
for (const l of readFileSync('tests/fixtures/dedup/pairs.jsonl', 'utf8').split('\n').filter(Boolean)) {
  const p = JSON.parse(l);
  if (p.split !== 'tune' || !ids.has(p.pair)) continue;
  console.log('==', p.pair, p.jaccard);
  console.log('A:', normalizeProblem(p.a.problem).slice(0, 600));
  console.log('B:', normalizeProblem(p.b.problem).slice(0, 600));
}
