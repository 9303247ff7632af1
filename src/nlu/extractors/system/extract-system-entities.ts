// Runs the requested dimensions over a text; only they compete, so with just `number` requested
// "50块" yields the number 50, as Duckling does when asked for numbers only.
import { dimensionExtractors } from './dimensions/index.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import { DIMENSIONS, type Dimension, type ExtractContext, type SystemMatch } from './system-entity.js';

/** Matches of the requested dimensions only, competing among themselves as Duckling's do. */
export function extractSystemEntities(text: string, dimensions: readonly Dimension[], ctx: ExtractContext): SystemMatch[] {
  const wanted = dimensions.length > 0 ? dimensions : DIMENSIONS;
  const found = wanted.flatMap((dim) => dimensionExtractors[dim](text, ctx));
  return resolveOverlaps(found);
}
