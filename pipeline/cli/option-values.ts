import { UsageError } from '../errors.ts';

/** Commander accumulator for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parsePair(s: string, flag: string, shape: string): [string, string] {
  const i = s.indexOf('=');
  if (i <= 0 || i === s.length - 1) throw new UsageError(`${flag} expects ${shape}, got "${s}"`);
  return [s.slice(0, i), s.slice(i + 1)];
}

/** Commander parser of a numeric option in [min, max] (an integer where asked). */
export function num(flag: string, min: number, max = Infinity, integer = false) {
  return (v: string): number => {
    const x = Number(v);
    if (!Number.isFinite(x) || x < min || x > max || (integer && !Number.isInteger(x))) {
      throw new UsageError(`${flag} expects ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got "${v}"`);
    }
    return x;
  };
}
