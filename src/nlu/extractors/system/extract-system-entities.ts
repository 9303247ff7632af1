// Runs the requested dimensions over a text; only they compete, so with just `number` requested
// "50块" yields the number 50, as Duckling does when asked for numbers only.
import { dimensionExtractors } from './dimensions/index.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import { DIMENSIONS, type Dimension, type ExtractContext, type SystemMatch } from './system-entity.js';

/** Matches of the requested dimensions only, competing among themselves as Duckling's do. */
export function extractSystemEntities(text: string, dimensions: readonly Dimension[], ctx: ExtractContext): SystemMatch[] {
  const wanted = dimensions.length > 0 ? dimensions : DIMENSIONS;
  const found = wanted.flatMap((dim) => dimensionExtractors[dim](text, ctx)).filter((m) => !isVagueAmount(text, m));
  return resolveOverlaps(found);
}

const COUNTED_DIMENSIONS: ReadonlySet<string> = new Set(['number', 'amount-of-money', 'duration', 'ordinal']);

/**
 * 十几份, 几十块钱, 二十几分钟: 几 makes the numeral beside it a vague range ("ten-odd", "tens of"), whose
 * numeral alone (10, 20) would be a wrong value; better none.
 */
function isVagueAmount(text: string, m: SystemMatch): boolean {
  return COUNTED_DIMENSIONS.has(m.dim) && (text[m.start - 1] === '几' || text[m.end] === '几');
}
