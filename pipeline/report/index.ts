import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withOutputs } from '../audit/outputs.ts';
import { cardData, renderDatasetCard } from './card.ts';
import { reportData } from './data.ts';
import { renderReport } from './html.ts';
import { runCounts } from './run-counts.ts';

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
  const md = await withOutputs(outDir, async (o) => renderDatasetCard(await cardData(o)));
  return writeAtomically(join(outDir, 'README.md'), md);
}

/**
 * Writes both, as `writeReport` then `writeDatasetCard` would, from one opening of the outputs:
 * the counts and filter behaviour both show are read from the shards once.
 */
export async function writeReportAndCard(outDir: string): Promise<{ report: string; card: string }> {
  return withOutputs(outDir, async (o) => {
    const counts = await runCounts(o);
    const report = await writeAtomically(join(outDir, 'report.html'), renderReport(await reportData(o, counts)));
    const card = await writeAtomically(join(outDir, 'README.md'), renderDatasetCard(await cardData(o, counts)));
    return { report, card };
  });
}

async function writeAtomically(path: string, text: string): Promise<string> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
  return path;
}
