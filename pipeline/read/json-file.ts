import { readFile } from 'node:fs/promises';
import { InputFileError, isPlainObject, type RawRow } from './raw-row.ts';

/**
 * Reads a `.json` file: one object per file (the MATH.tar layout, `train/algebra/1.json`)
 * or an array of objects. `relativePath` lets the adapter derive a natural source id.
 */
export async function* readJsonFile(file: string, relativePath: string): AsyncGenerator<RawRow> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file)).replace(/^\uFEFF/, '');
  } catch (e) {
    yield { file, row: 1, error: `cannot read as UTF-8 (${(e as Error).message})`, relativePath };
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    yield { file, row: 1, error: `invalid JSON (${(e as Error).message.slice(0, 120)})`, relativePath };
    return;
  }
  if (isPlainObject(value)) {
    yield { file, row: 1, value, relativePath };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      yield isPlainObject(v) ? { file, row: i + 1, value: v, relativePath } : { file, row: i + 1, error: 'array element is not an object', relativePath };
    }
  } else {
    throw new InputFileError(file, 'JSON file holds neither an object nor an array of objects');
  }
}
