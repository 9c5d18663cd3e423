import { closest } from 'fastest-levenshtein';
import type { SourceAdapter } from './adapter.ts';
import { harpAdapter } from './harp.ts';
import { mathAdapter } from './math.ts';
import { numinamathAdapter } from './numinamath.ts';
import { omniMathAdapter } from './omni_math.ts';
import { openMathInstruct2Adapter } from './openmathinstruct2.ts';

/** Every registered source. A new source is one adapter file plus one line here. */
export const ADAPTERS: readonly SourceAdapter[] = [
  mathAdapter,
  numinamathAdapter,
  harpAdapter,
  omniMathAdapter,
  openMathInstruct2Adapter,
];

export function getAdapter(name: string): SourceAdapter {
  const a = ADAPTERS.find((x) => x.name === name);
  if (!a) throw new UnknownSourceError(name);
  return a;
}

/** A source name no adapter has (a typo in `--input` or a config file): a usage error, exit 2. */
export class UnknownSourceError extends Error {
  constructor(name: string) {
    const names = ADAPTERS.map((x) => x.name);
    super(`unknown source "${name}"; did you mean "${closest(name, names)}"? (registered: ${names.join(', ')})`);
  }
}
