/**
 * The JSON object a model was asked to reply with. Models wrap it in code fences, prefix prose or
 * a reasoning block: the outermost `{...}` after any `<think>` block is taken.
 */
export function replyObject(reply: string): { ok: true; obj: Record<string, unknown> } | { ok: false; error: string } {
  const text = reply.replace(/<think>[\s\S]*?<\/think>/g, '');
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { ok: false, error: 'no JSON object in the reply' };
  let obj: unknown;
  try {
    obj = JSON.parse(text.slice(start, end + 1));
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${(e as Error).message}` };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { ok: false, error: 'the reply is not a JSON object' };
  return { ok: true, obj: obj as Record<string, unknown> };
}
