/**
 * A symbol the question asks about but the text never introduces ("What is the value of $N$?",
 * "center at $P$ and passing through $Q$"): with a removed figure, the figure defined it.
 */
export function undefinedSymbol(problem: string): string | null {
  // "$x$-axis" names an axis, not a symbol
  const text = problem.replace(/\$[a-z]\$-(?:axis|axes|coordinates?|intercepts?|plane|values?)/g, ' ');
  const sentences = text.split(/(?<=[.?!][\])]?\$?)\s+(?=[A-Z$\[])/);
  // the question, or (HARP "The area of polygon $ABCDEF$ is") the last sentence
  const last = sentences[sentences.length - 1];
  const question =
    [...sentences].reverse().find((s) => /\?|\b(?:find|compute|what|how|determine)\b/i.test(s)) ??
    (last && last.length < 120 && !/\b(?:if|let|given|suppose|where)\b/i.test(last) ? last : undefined);
  if (!question) return null;
  // a question that states the condition its unknowns satisfy introduces them
  if (/\b(?:where|so\s+that|such\s+that|in\s+the\s+form|satisfying|for\s+which|(?:expressed|written)\s+as)\b/i.test(question)) return null;
  // single letters, and each capital of a point name ("ABC" names A, B and C)
  const symbolsIn = (t: string) => [...t.matchAll(/\$([^$]*)\$/g)].flatMap((m) => m[1].replace(/\\(?:text|mathrm|textbf)\{[^{}]*\}/g, ' ').replace(/\\[a-zA-Z]+/g, ' ').match(/(?<![a-z])[A-Z](?![a-z])|(?<![a-zA-Z])[a-z](?![a-zA-Z])/g) ?? []);
  const rest = text.replace(question, ' ');
  // every letter of a formula in the rest of the text is defined there ("in the form $ax+2y+c=0$")
  const before = new Set([...rest.matchAll(/\$([^$]*)\$/g)].flatMap((m) => m[1].replace(/\\(?:text|mathrm|textbf)\{[^{}]*\}/g, ' ').replace(/\\[a-zA-Z]+/g, ' ').match(/[a-zA-Z]/g) ?? []));
  // letters the question itself introduces ("$m$ and $n$ are integers") are defined
  // (a list takes "are": in "the sum of angles $P$ and $Q$ is" nothing is introduced)
  const introduced = new Set<string>();
  for (const m of question.matchAll(/((?:\$[a-zA-Z]\$\s*(?:,\s*(?:and\s+)?|and\s+)?)+)(be|is|are|denotes?|represents?)\b/g)) {
    const letters = m[1].match(/\$([a-zA-Z])\$/g) ?? [];
    if (letters.length > 1 && m[2] === 'is') continue;
    for (const l of letters) introduced.add(l.replace(/\$/g, ''));
  }
  // symbols inside an example ("pairs of edges, such as $AB$ and $GH$, ...") are not asked about
  const asked = question.replace(/\b(?:such\s+as|for\s+example|e\.g\.)[^?]*?(?:,|\?|$)/gi, ' ');
  const missing = symbolsIn(asked).filter((c) => !before.has(c) && !introduced.has(c));
  return missing.length ? `symbol ${missing[0]} is defined nowhere in the text` : null;
}

