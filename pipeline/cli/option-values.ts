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
