import { createReadStream } from 'node:fs';
import { InputFileError, isPlainObject, type RawRow } from './raw-row.ts';

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Streams the lines of a file as byte buffers (without the newline), with a 1-based line number.
 * A plain buffer splitter: measured at ~234 MB/s with JSON.parse, against ~131 MB/s for readline.
 * `inspect` sees the first chunk (to refuse archives and binaries before any line is yielded).
 */
export async function* lineBuffers(file: string, inspect?: (first: Buffer) => Buffer): AsyncGenerator<[row: number, line: Buffer]> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let carry: Buffer | null = null;
  let row = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = null;
      if (first) {
        first = false;
        if (inspect) buf = inspect(buf);
      }
      let start = 0;
      let nl = buf.indexOf(NEWLINE, start);
      while (nl !== -1) {
        yield [++row, buf.subarray(start, nl)];
        start = nl + 1;
        nl = buf.indexOf(NEWLINE, start);
      }
      if (start < buf.length) carry = Buffer.from(buf.subarray(start));
    }
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(file, `cannot read: ${(e as Error).message}`);
  }
  if (carry && carry.length) yield [++row, carry];
}

/**
 * Streams a JSONL file row by row, reporting per line invalid UTF-8, bad JSON and non-object
 * values as row errors instead of failing the file. Handles a UTF-8 byte-order mark, CRLF line
 * ends and a missing final newline; refuses archives and binary files with a file-level error.
 */
export async function* readJsonl(file: string): AsyncGenerator<RawRow> {
  const inspect = (buf: Buffer): Buffer => {
    if (buf.length >= 2 && ((buf[0] === 0x1f && buf[1] === 0x8b) || (buf[0] === 0x50 && buf[1] === 0x4b))) {
      throw new InputFileError(file, 'is a gzip or zip archive, not JSONL: decompress it first');
    }
    // JSONL is text: a NUL byte near the start means a binary file (Parquet, an image, garbage)
    if (buf.subarray(0, 4096).includes(0)) throw new InputFileError(file, 'is a binary file, not JSONL text');
    return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  };
  for await (const [row, bytes] of lineBuffers(file, inspect)) {
    const line = parseLine(file, row, bytes);
    if (line) yield line;
  }
}

function parseLine(file: string, row: number, bytes: Buffer): RawRow | null {
  let end = bytes.length;
  if (end && bytes[end - 1] === 0x0d) end--;
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(0, end));
  } catch {
    return { file, row, error: 'line is not valid UTF-8' };
  }
  if (text.trim() === '') return null; // blank lines carry no row
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { file, row, error: `invalid JSON (${(e as Error).message.slice(0, 120)})` };
  }
  if (!isPlainObject(value)) return { file, row, error: `line is JSON ${Array.isArray(value) ? 'array' : typeof value}, expected an object` };
  return { file, row, value };
}
