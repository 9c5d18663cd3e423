import { readFileSync } from 'node:fs';

/** The package version, written into manifests so a corpus names the tool that built it. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Project root (where package.json and the bundled data live). */
export const PROJECT_ROOT: string = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
