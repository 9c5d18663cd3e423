import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers.ts';
import { writeDatasetCard, writeReport, writeReportAndCard } from '../../../pipeline/report/index.ts';
import { hfFeature, sizeCategory, yaml } from '../../../pipeline/report/card.ts';
import { jsonForScript, scriptSafe } from '../../../pipeline/report/assets.ts';
import { CORPUS_COLUMNS, REJECTED_EXTRA, SIGNAL_TYPE } from '../../../pipeline/write/columns.ts';
import { buildFixtureOutput, type Fixture } from '../audit/fixture-output.ts';
import { runCli } from '../audit/cli-harness.ts';

let fx: Fixture;
let html: string;
let card: string;

beforeAll(async () => {
  fx = await buildFixtureOutput(tempDir('bigmath-report-'));
  html = readFileSync(await writeReport(fx.dir), 'utf8');
  card = readFileSync(await writeDatasetCard(fx.dir), 'utf8');
});

describe('report.html', () => {
  it('is one self-contained file: no external scripts, styles, fonts or images', () => {
    // markup outside the inline scripts (whose code may mention tags in strings)
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
    expect(/<(script|img|link|iframe|object|embed)\b[^>]*\b(src|href)\s*=/i.test(markup)).toBe(false);
    expect(/url\((?!data:)/.test(html)).toBe(false);
    expect(/@import/.test(html)).toBe(false);
    expect(html).toMatch(/@font-face\{[^}]*KaTeX_Main[^}]*src:url\(data:font\/woff2;base64,/);
    expect(statSync(join(fx.dir, 'report.html')).size).toBeLessThan(3_000_000);
  });

  it('embeds the samples as JSON that cannot end its script element', () => {
    const opened = html.match(/<script\b/g)!.length;
    expect(html.match(/<\/script>/g)!.length).toBe(opened);
    const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1];
    const data = JSON.parse(json);
    const hyper = data.samples.find((g: { reason: string }) => g.reason === 'hyperlink');
    expect(hyper.rows[0].problem).toContain('</script><!-- & -->'); // survives intact
    expect(data.samples.every((g: { rows: unknown[] }) => g.rows.length <= 50)).toBe(true);
  });

  it('charts carry the run numbers', () => {
    for (const [source, c] of Object.entries(fx.manifest.counts)) {
      expect(html).toContain(`data-source="${source}" data-kept="${c.kept}"`);
      for (const [reason, n] of Object.entries(c.by_reason)) expect(html).toContain(`data-reason="${reason}" data-source="${source}" data-count="${n}"`);
    }
    expect(html).toContain(`data-source="total" data-kept="${fx.manifest.totals.kept}"`);
    expect(html).toMatch(/id="cluster-sizes"/);
    expect(html).toMatch(/data-category="4" data-series="clusters" data-value="1"/);
    expect(html).toMatch(/data-a="math" data-b="numinamath" data-count="2"/);
    expect(html).toMatch(/id="answer-kinds"/);
    expect(html).toMatch(/id="lengths-kept"/);
  });

  it('escapes helpers', () => {
    expect(scriptSafe('a="</script>"; b="<!--"')).toBe('a="<\\/script>"; b="<\\!--"');
    const j = jsonForScript({ s: '</script>\u2028&' });
    expect(j).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(j)).toEqual({ s: '</script>\u2028&' });
  });

  it('writeReportAndCard (one read of the outputs, as the run does) writes the same bytes as the two writers', async () => {
    const written = await writeReportAndCard(fx.dir);
    expect(written).toEqual({ report: join(fx.dir, 'report.html'), card: join(fx.dir, 'README.md') });
    expect(readFileSync(written.report, 'utf8')).toBe(html);
    expect(readFileSync(written.card, 'utf8')).toBe(card);
  });

  it('bigmath report DIR writes both files', async () => {
    const r = await runCli(['report', fx.dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(fx.dir, 'report.html'));
    expect(r.stdout).toContain(join(fx.dir, 'README.md'));
    expect(readFileSync(join(fx.dir, 'README.md'), 'utf8')).toBe(card);
    expect((await runCli(['report', join(fx.dir, 'nope')])).code).toBe(2);
  });
});

describe('dataset card README.md', () => {
  const front = () => /^---\n([\s\S]*?)\n---\n/.exec(card)![1];

  it('has Hugging Face front matter: licenses, configs, size category', () => {
    const f = front();
    expect(f).toMatch(/^license:\n- apache-2.0\n- cc-by-4.0\n- mit$/m);
    expect(f).toContain('configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: corpus/part-*.parquet\n  default: true\n- config_name: rejected\n  data_files:\n  - split: train\n    path: rejected/part-*.parquet');
    expect(f).toContain('size_categories:\n- "n<1K"');
    expect(f).toContain(`num_examples: ${fx.manifest.totals.kept}`);
  });

  it('dataset_info.features match the Parquet schema of both configs', () => {
    const f = front();
    const [def, rej] = f.split('- config_name: rejected\n  features:');
    const names = (s: string) => [...s.split('  splits:')[0].matchAll(/^ {2}- name: (\w+)$/gm)].map((m) => m[1]);
    expect(names(def.slice(def.indexOf('dataset_info:')))).toEqual(CORPUS_COLUMNS.map(([n]) => n));
    expect(names('\n' + rej)).toEqual([...CORPUS_COLUMNS, ...REJECTED_EXTRA].map(([n]) => n));
    expect(f).toContain('  - name: signals\n    list:\n    - name: filter\n      dtype: string\n    - name: reason\n      dtype: string\n    - name: fired\n      dtype: bool\n    - name: evidence\n      dtype: string');
    expect(f).toContain('  - name: cleaning\n    sequence: string');
    expect(f).toContain('  - name: input_row\n    dtype: int64');
  });

  it('describes every field, counts, filters, benchmarks and how to reproduce', () => {
    for (const [n, , d] of [...CORPUS_COLUMNS, ...REJECTED_EXTRA]) expect(card).toContain(`| \`${n}\` |`), expect(card).toContain(d.replaceAll('|', '\\|'));
    for (const sub of ['filter', 'reason', 'fired', 'evidence']) expect(card).toContain(`| \`signals[].${sub}\` |`);
    for (const [source, c] of Object.entries(fx.manifest.counts)) expect(card).toMatch(new RegExp(`^\\| ${source} \\|.*\\| ${c.kept} \\| ${c.rejected} \\|`, 'm'));
    expect(card).toMatch(/^\| `yes_no` \| `yes_no` \| the expected answer is yes or no \|/m);
    expect(card).toMatch(/^\| math500 \| `data\/benchmarks\/math-500\/test.jsonl` \| `[0-9a-f]{64}` \| 1 \|$/m);
    expect(card).toContain(fx.manifest.config_hash);
    for (const i of fx.manifest.inputs) expect(card).toContain(i.sha256);
    expect(card).toContain('load_dataset("parquet", data_dir="path/to/this/folder/corpus")');
    expect(card).toContain(`\`bigmath\` ${fx.manifest.tool.version}`);
    // URL locations are templates: the card links the pinned revision, never a literal {revision}
    expect(card).not.toContain('{revision}');
    if ('harp' in fx.manifest.counts) expect(card).toMatch(/\[https:\/\/github\.com\/aadityasingh\/HARP\/raw\/[0-9a-f]{40}\/HARP\.jsonl\.zip\]\(https:\/\/github\.com\/aadityasingh\/HARP\/raw\/[0-9a-f]{40}\/HARP\.jsonl\.zip\)/);
  });

  it('helpers: features, YAML, size categories', () => {
    expect(hfFeature('x', SIGNAL_TYPE)).toEqual({ name: 'x', list: [
      { name: 'filter', dtype: 'string' },
      { name: 'reason', dtype: 'string' },
      { name: 'fired', dtype: 'bool' },
      { name: 'evidence', dtype: 'string' },
    ] });
    expect(() => hfFeature('x', 'MAP(VARCHAR, VARCHAR)')).toThrow(/no Hugging Face dtype/);
    expect(yaml({ a: 'yes', b: ['x: y', 3], c: { d: [] } })).toBe('a: "yes"\nb:\n- "x: y"\n- 3\nc:\n  d: []\n');
    expect([999, 1000, 699_999, 1_500_000].map(sizeCategory)).toEqual(['n<1K', '1K<n<10K', '100K<n<1M', '1M<n<10M']);
  });
});
