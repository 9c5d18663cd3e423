import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withOutputs } from '../audit/outputs.ts';
import { renderDatasetCard } from './card.ts';
import { reportData } from './data.ts';
import { renderReport } from './html.ts';

/**
 * Writes `outDir/report.html`: one self-contained page (inline SVG charts, KaTeX with its fonts,
 * the samples as JSON) that opens offline. Returns the path written.
 */
export async function writeReport(outDir: string): Promise<string> {
  const html = await withOutputs(outDir, async (o) => renderReport(await reportData(o)));
  return writeAtomically(join(outDir, 'report.html'), html);
}

/** Writes `outDir/README.md`, the Hugging Face dataset card of the run. Returns the path written. */
export async function writeDatasetCard(outDir: string): Promise<string> {
  const md = await withOutputs(outDir, renderDatasetCard);
  return writeAtomically(join(outDir, 'README.md'), md);
}

async function writeAtomically(path: string, text: string): Promise<string> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
  return path;
}
