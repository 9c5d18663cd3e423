import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { InputFileError, isPlainObject, type RawRow } from './raw-row.ts';

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Streams the lines of a file as byte buffers (without the newline), with a 1-based line number.
 * A plain buffer splitter: measured at ~234 MB/s with JSON.parse, against ~131 MB/s for readline.
 * `inspect` sees the first chunk (to refuse archives and binaries before any line is yielded).
 */
export async function* lineBuffers(file: string, inspect?: (first: Buffer) => Buffer, range?: JsonlRange): AsyncGenerator<[row: number, line: Buffer]> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20, start: range?.start, end: range ? range.end - 1 : undefined });
  let carry: Buffer | null = null;
  let row = range ? range.firstRow - 1 : 0;
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

/** A byte range of a JSONL file that starts at a line start, and the 1-based number of its first line. */
export interface JsonlRange {
  start: number;
  end: number;
  firstRow: number;
}

/**
 * Refuses archives and binaries before any line is read, and drops a UTF-8 byte-order mark:
 * applied to the first bytes of the file.
 */
function inspectJsonl(file: string, buf: Buffer): Buffer {
  if (buf.length >= 2 && ((buf[0] === 0x1f && buf[1] === 0x8b) || (buf[0] === 0x50 && buf[1] === 0x4b))) {
    throw new InputFileError(file, 'is a gzip or zip archive, not JSONL: decompress it first');
  }
  // JSONL is text: a NUL byte near the start means a binary file (Parquet, an image, garbage)
  if (buf.subarray(0, 4096).includes(0)) throw new InputFileError(file, 'is a binary file, not JSONL text');
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
}

/**
 * Streams a JSONL file (or one range of it, see `jsonlRanges`) row by row, reporting per line
 * invalid UTF-8, bad JSON and non-object values as row errors instead of failing the file.
 * Handles a UTF-8 byte-order mark, CRLF line ends and a missing final newline; refuses archives
 * and binary files with a file-level error.
 */
export async function* readJsonl(file: string, range?: JsonlRange): AsyncGenerator<RawRow> {
  const inspect = !range || range.start === 0 ? (buf: Buffer) => inspectJsonl(file, buf) : undefined;
  for await (const [row, bytes] of lineBuffers(file, inspect, range)) {
    const line = parseLine(file, row, bytes);
    if (line) yield line;
  }
}

/**
 * Cuts a JSONL file into ranges of about `target` bytes at line ends, numbering their first
 * lines, so that ranges can be read on any thread and still name each row by its line. One
 * scan of the file for newlines (memchr speed); the file-level checks run here, before any range.
 */
export async function jsonlRanges(file: string, target: number): Promise<JsonlRange[]> {
  const fh = await open(file).catch((e: Error) => {
    throw new InputFileError(file, `cannot read: ${e.message}`);
  });
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(size, 1)));
    const ranges: JsonlRange[] = [];
    let start = 0;
    let firstRow = 1;
    let lines = 0; // newlines since `start`
    let pos = 0;
    while (pos < size) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const view = buf.subarray(0, bytesRead);
      if (pos === 0) inspectJsonl(file, view);
      let nl = view.indexOf(NEWLINE);
      while (nl !== -1) {
        lines++;
        const end = pos + nl + 1;
        if (end - start >= target) {
          ranges.push({ start, end, firstRow });
          start = end;
          firstRow += lines;
          lines = 0;
        }
        nl = view.indexOf(NEWLINE, nl + 1);
      }
      pos += bytesRead;
    }
    if (start < pos) ranges.push({ start, end: pos, firstRow });
    return ranges;
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(file, `cannot read: ${(e as Error).message}`);
  } finally {
    await fh.close();
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
