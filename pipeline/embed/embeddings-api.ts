import type { Fleet } from '../model/fleet.ts';
import { RequestFailure } from '../model/openai-client.ts';

/**
 * `POST {base}/embeddings` as OpenAI-compatible servers speak it (TEI, vLLM, Ollama, llama.cpp's
 * server, hosted APIs): `{model, input: [...]}` in, `{data: [{index, embedding}]}` out. Sent
 * through the rollouts' Fleet, so endpoints, retries, Retry-After and dead endpoints are handled
 * the same way as for completions.
 */
export async function embedBatch(fleet: Fleet, model: string, inputs: readonly string[]): Promise<Float32Array[]> {
  return fleet.send(async (endpoint) => {
    const text = await endpoint.post('embeddings', { model, input: inputs, encoding_format: 'float' });
    return parseEmbeddings(endpoint.base, text, inputs.length);
  });
}

/**
 * Reads an embeddings answer into one vector per input, in input order (items are placed by
 * their `index`, as servers may answer out of order). A malformed answer is retryable: a server
 * that broke one answer may well send the next one whole.
 */
export function parseEmbeddings(base: string, text: string, count: number): Float32Array[] {
  const bad = (why: string) => new RequestFailure(`${base}: malformed embeddings response (${why})`, { retryable: true });
  let json: { data?: { index?: number; embedding?: unknown }[] };
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  if (!json || !Array.isArray(json.data)) throw bad('no data');
  if (json.data.length !== count) throw bad(`${json.data.length} embeddings for ${count} inputs`);
  const out: (Float32Array | undefined)[] = new Array(count);
  let dim = -1;
  json.data.forEach((d, pos) => {
    const i = d.index ?? pos;
    if (!Number.isInteger(i) || i < 0 || i >= count || out[i]) throw bad(`index ${String(d.index)}`);
    const e = d.embedding;
    if (!Array.isArray(e) || !e.length || !e.every((x) => typeof x === 'number' && Number.isFinite(x))) throw bad(`embedding ${i} is not a list of numbers`);
    if (dim >= 0 && e.length !== dim) throw bad(`embeddings of ${dim} and ${e.length} dimensions`);
    dim = e.length;
    out[i] = Float32Array.from(e as number[]);
  });
  return out as Float32Array[];
}
