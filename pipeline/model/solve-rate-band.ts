import { UsageError } from '../errors.ts';

/** A closed solve-rate band `LO..HI`, both in [0, 1]. */
export interface SolveRateBand {
  lo: number;
  hi: number;
}

/** Parses `LO..HI` (either end may be omitted: `..0.9`, `0.1..`). */
export function parseSolveRateBand(text: string): SolveRateBand {
  const m = /^\s*([0-9.]*)\s*\.\.\s*([0-9.]*)\s*$/.exec(text);
  const num = (s: string, dflt: number) => (s === '' ? dflt : Number(s));
  const lo = m ? num(m[1], 0) : NaN;
  const hi = m ? num(m[2], 1) : NaN;
  if (!m || !Number.isFinite(lo) || !Number.isFinite(hi) || lo < 0 || hi > 1 || lo > hi) {
    throw new UsageError(`--solve-rate expects LO..HI with 0 <= LO <= HI <= 1 (e.g. 0.05..0.95), got "${text}"`);
  }
  return { lo, hi };
}
