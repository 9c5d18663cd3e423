import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvObjects } from '../../../pipeline/decontam/csv.ts';

describe('parseCsv', () => {
  it('handles CRLF, quoted multi-line fields, escaped quotes and no final newline', () => {
    const text = 'ID,Question,Answer\r\n1983-1,"Let $x$ , ""y""\r\nand z ",60\r\n1983-2,plain,15';
    expect(parseCsv(text)).toEqual([
      ['ID', 'Question', 'Answer'],
      ['1983-1', 'Let $x$ , "y"\r\nand z ', '60'],
      ['1983-2', 'plain', '15'],
    ]);
  });
  it('keeps empty fields and a trailing newline does not add a row', () => {
    expect(parseCsv('a,b,c\n1,,\n')).toEqual([['a', 'b', 'c'], ['1', '', '']]);
    expect(parseCsvObjects('a,b\n"x,y",2\n')).toEqual([{ a: 'x,y', b: '2' }]);
  });
  it('throws on an unterminated quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/unterminated/);
  });
});
