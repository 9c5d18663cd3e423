import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The prompt a problem is sent with. Prompts are versioned files (`prompts/<version>.json`), so a
 * rollout names the exact wording it was sampled under; a user's own system prompt makes a
 * derived version that carries the file's hash.
 */
export interface PromptTemplate {
  version: string;
  system: string;
  /** `{problem}` is replaced by the problem text. */
  user: string;
}

export function loadPrompt(name: string, systemPromptFile?: string): PromptTemplate {
  const base = JSON.parse(readFileSync(new URL(`./prompts/${name}.json`, import.meta.url), 'utf8')) as PromptTemplate;
  if (!systemPromptFile) return base;
  const system = readFileSync(systemPromptFile, 'utf8').trim();
  const hash = createHash('sha256').update(system).digest('hex').slice(0, 8);
  return { ...base, version: `${base.version}+system-${hash}`, system };
}

export function promptMessages(t: PromptTemplate, problem: string): { role: 'system' | 'user'; content: string }[] {
  const user = t.user.replace('{problem}', () => problem);
  return t.system ? [{ role: 'system', content: t.system }, { role: 'user', content: user }] : [{ role: 'user', content: user }];
}
