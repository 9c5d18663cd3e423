import { describe, expect, it } from 'vitest';
import { parseEmbeddings } from '../../../pipeline/embed/embeddings-api.ts';
import { RequestFailure } from '../../../pipeline/model/openai-client.ts';
import { testEmbedding } from './embedding-test-server.ts';

const body = (data: unknown) => JSON.stringify({ object: 'list', data });

describe('parseEmbeddings', () => {
  it('places items by index', () => {
    const v = parseEmbeddings('u', body([{ index: 1, embedding: [0, 1] }, { index: 0, embedding: [1, 0] }]), 2);
    expect(v.map((x) => Array.from(x))).toEqual([[1, 0], [0, 1]]);
  });

  it('rejects, as retryable, answers that do not give one vector per input', () => {
    const cases = ['{"data": [', body([{ index: 0, embedding: [1] }]), body([{ index: 0, embedding: [1] }, { index: 0, embedding: [1] }]), body([{ index: 0, embedding: [1, 2] }, { index: 1, embedding: [1] }]), body([{ index: 0, embedding: ['x'] }, { index: 1, embedding: [1] }]), '{}'];
    for (const c of cases) {
      let err: unknown;
      try {
        parseEmbeddings('u', c, 2);
      } catch (e) {
        err = e;
      }
      expect(err, c).toBeInstanceOf(RequestFailure);
      expect((err as RequestFailure).retryable).toBe(true);
    }
  });
});

describe('the test embedding model', () => {
  const cos = (a: string, b: string) => testEmbedding(a).reduce((s, x, i) => s + x * testEmbedding(b)[i], 0);
  it('puts a paraphrase close and another problem far', () => {
    const a = 'A rectangle has a perimeter of 30 units and its length is twice its width. What is the area of the rectangle?';
    expect(cos(a, 'The perimeter of a rectangle is 30 units, and its length is twice its width. Find the area of the rectangle.')).toBeGreaterThan(0.85);
    expect(cos(a, 'How many ways are there to arrange the letters of the word ALABAMA?')).toBeLessThan(0.4);
    expect(cos(a, a)).toBeCloseTo(1, 5);
  });
});
