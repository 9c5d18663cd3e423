/**
 * Remembers the result for the last argument: filters run one record at a time, and two filters
 * that need the same reading of one text (the boxes of a solution, the parts of a problem) then
 * compute it once. Pure: the result depends only on the argument.
 */
export function lastArgMemo<A, R>(fn: (a: A) => R): (a: A) => R {
  let lastArg: A | undefined;
  let lastResult: R | undefined;
  let has = false;
  return (a: A) => {
    if (has && a === lastArg) return lastResult as R;
    lastResult = fn(a);
    lastArg = a;
    has = true;
    return lastResult;
  };
}
