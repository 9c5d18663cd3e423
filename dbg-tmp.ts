import { readFileSync } from 'node:fs';
import { normalizeProblem } from './pipeline/dedup/normalize.ts';
import { questionChange, questionTokens, questionTokenText } from './pipeline/dedup/question-tokens.ts';
const ids = process.argv.slice(2);
for (const l of readFileSync('tests/fixtures/dedup/pairs.jsonl', 'utf8').split('\n').filter(Boolean)) {
  const p = JSON.parse(l);
  if (p.split !== 'tune' || !ids.includes(p.pair)) continue;
  const na = normalizeProblem(p.a.problem), nb = normalizeProblem(p.b.problem);
  const h = questionChange(questionTokens(na, p.a.problem), questionTokens(nb, p.b.problem));
  const ta = questionTokenText(na), tb = questionTokenText(nb);
  console.log(p.pair, h && `[${ta.slice(h[0], h[1]).join(' ')}] -> [${tb.slice(h[2], h[3]).join(' ')}] @${h[0]}/${ta.length}`);
}
