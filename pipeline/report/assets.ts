import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * KaTeX, inlined so the report opens offline: the CSS with every font as a base64 woff2 data
 * URL (all current browsers read woff2), the library and its auto-render extension.
 */
export interface KatexAssets {
  css: string;
  js: string;
  autoRender: string;
}

let cached: KatexAssets | null = null;

export function katexAssets(): KatexAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dist = join(dirname(require.resolve('katex/package.json')), 'dist');
  const rawCss = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  const css = rawCss.replace(/src:([^;}]*)/g, (whole, list: string) => {
    const m = /url\(["']?fonts\/([^)"']+\.woff2)["']?\)/.exec(list);
    if (!m) return whole;
    const font = readFileSync(join(dist, 'fonts', m[1])).toString('base64');
    return `src:url(data:font/woff2;base64,${font}) format("woff2")`;
  });
  if (/url\((?!data:)/.test(css)) throw new Error('katex.min.css still references an external file after inlining the fonts');
  cached = {
    css,
    js: scriptSafe(readFileSync(join(dist, 'katex.min.js'), 'utf8')),
    autoRender: scriptSafe(readFileSync(join(dist, 'contrib', 'auto-render.min.js'), 'utf8')),
  };
  return cached;
}

/** Makes JavaScript safe inside a <script> element (`</script` and `<!--` cannot end or confuse it). */
export function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON for a <script type="application/json"> element: no `<` at all, and JS-safe line separators. */
export function jsonForScript(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
