import { describe, expect, it } from 'vitest';
import type { ProcessedRecord } from '../../../schemas/processed.ts';
import { ByteSink } from '../../../pipeline/process/byte-sink.ts';
import { encodeMalformed, encodeRecord, MALFORMED, readStagedHead, RECORD } from '../../../pipeline/process/staged-format.ts';

const REC: ProcessedRecord = {
  id: 'abc123', source: 'math', source_id: 'train/algebra/1.json', subset: null, problem: 'Solve $x^2 = 4$ — 中文 😀', problem_original: null,
  cleaning: [], solution: null, answer: '2', answer_origin: 'column', answer_kind: 'number', answer_canonical: '2', level: 'Level 2',
  subject: 'Algebra', metadata: {}, input_file: 'a.json', input_row: 1, folded_rows: 0,
  signals: [
    { filter: 'multiple_choice', reason: 'multiple_choice', fired: true, evidence: '(A) 1 (B) 2 😀' },
    { filter: 'proof', reason: 'proof', fired: false, evidence: '' },
  ],
  contamination: { benchmark: 'math500', item: 'test/1', span: 'x^2', kind: 'exact' },
};

describe('staging frames', () => {
  it('a record frame gives back its identity and the signals that fired; its facts line is JSON', () => {
    const out = new ByteSink();
    const facts = JSON.parse(encodeRecord(out, REC, 'fold-key'));
    const buf = Buffer.from(out.done());
    expect(buf.readUInt32LE(0)).toBe(buf.length - 4);
    expect(readStagedHead(buf, 4)).toEqual({
      kind: RECORD, id: 'abc123', source: 'math', subset: null,
      fired: [['multiple_choice', 'multiple_choice', '(A) 1 (B) 2 😀'], ['decontamination', 'benchmark_contamination', 'same problem as math500 test/1: "x^2"']],
    });
    expect(facts).toEqual({ id: 'abc123', source: 'math', subset: null, answer: '2', answer_canonical: '2', fired: ['multiple_choice', 'multiple_choice', 'decontamination', 'benchmark_contamination'], contaminated: true, fold_key: 'fold-key' });
  });
  it('a malformed row frame gives back its source; frames follow one another in a sink', () => {
    const out = new ByteSink();
    encodeRecord(out, { ...REC, subset: 'algebra', contamination: null }, null);
    encodeMalformed(out, { id: 'm1', source: 'harp', source_id: '7', input_file: 'h.jsonl', input_row: 7, error: 'bad', excerpt: '{"x' });
    const buf = Buffer.from(out.done());
    const second = 4 + buf.readUInt32LE(0);
    expect(readStagedHead(buf, 4)).toMatchObject({ kind: RECORD, subset: 'algebra', fired: [['multiple_choice', 'multiple_choice', '(A) 1 (B) 2 😀']] });
    expect(readStagedHead(buf, second + 4)).toEqual({ kind: MALFORMED, source: 'harp' });
    expect(second + 4 + buf.readUInt32LE(second)).toBe(buf.length);
  });
});
