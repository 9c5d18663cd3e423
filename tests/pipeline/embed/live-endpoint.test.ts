import { describe, expect, it } from 'vitest';
import { embedBatch } from '../../../pipeline/embed/embeddings-api.ts';
import { Fleet } from '../../../pipeline/model/fleet.ts';

const endpoint = process.env.BIGMATH_TEST_EMBED_ENDPOINT;
const model = process.env.BIGMATH_TEST_EMBED_MODEL ?? 'default';

/**
 * Against a real embedding server (TEI, vLLM, Ollama, llama.cpp, a hosted API), only when
 * BIGMATH_TEST_EMBED_ENDPOINT (an OpenAI base URL, e.g. http://localhost:8080/v1) is set, with
 * BIGMATH_TEST_EMBED_MODEL naming the model. Skipped otherwise (no model can be downloaded here).
 */
describe.skipIf(!endpoint)('a live embedding server', () => {
  it('answers a batch with one vector per input, a paraphrase closer than another problem', async () => {
    const fleet = new Fleet([endpoint!], { connections: 2, timeoutMs: 120_000, apiKey: process.env.OPENAI_API_KEY || undefined });
    try {
      const texts = [
        'A rectangle has a perimeter of 30 units and its length is twice its width. What is the area of the rectangle?',
        'The perimeter of a rectangle is 30 units, and its length is twice its width. Find the area of the rectangle.',
        'How many ways are there to arrange the letters of the word ALABAMA?',
      ];
      const v = await embedBatch(fleet, model, texts);
      expect(v).toHaveLength(3);
      const cos = (a: Float32Array, b: Float32Array) => {
        let d = 0, na = 0, nb = 0;
        for (let i = 0; i < a.length; i++) (d += a[i] * b[i]), (na += a[i] * a[i]), (nb += b[i] * b[i]);
        return d / Math.sqrt(na * nb);
      };
      expect(cos(v[0], v[1])).toBeGreaterThan(cos(v[0], v[2]));
      // The same text twice in one batch gives the same vector (a server that batches stably).
      const again = await embedBatch(fleet, model, [texts[0], texts[0]]);
      expect(cos(again[0], again[1])).toBeGreaterThan(0.999);
    } finally {
      await fleet.close();
    }
  });
});
