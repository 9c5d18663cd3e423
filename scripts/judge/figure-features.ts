import type { FilterInput } from '../../filters/filter.ts';
import { ngramsOf } from './logistic.ts';
import { type FigureEvidence, ruleVerdict } from '../../filters/figure/evidence.ts';

/**
 * The model's view of a record: each piece of rule evidence as a named feature (so a rejection
 * names the rules that fired and their weights), the rules' own verdict, the source, a few
 * shape facts, and the prose's word n-grams.
 */
export function figureFeatures(rec: FilterInput, e: FigureEvidence): { named: string[]; ngrams: string[] } {
  const named: string[] = [`source:${rec.source}`];
  if (e.asy) named.push('asy_removed');
  if (e.inlineTable) named.push('inline_table');
  if (e.named) named.push('names_drawing');
  if (e.shaded) named.push('undefined_shading');
  if (e.cites) named.push('cites_drawing');
  if (e.arranged) named.push('arranged_as_shown');
  if (e.asyData) named.push('asy_labels_data');
  if (e.symbol) named.push('undefined_symbol');
  if (e.trapezoid) named.push('trapezoid_unspecified');
  if (ruleVerdict(e)) named.push('rules_fire');
  if (!/\d/.test(rec.problem)) named.push('no_digits');
  if (rec.problem.length < 160) named.push('short_problem');
  return { named, ngrams: ngramsOf(e.prose) };
}
