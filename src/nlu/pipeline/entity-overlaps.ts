// Two extractors often read the same words as the same entity type, with different edges: a
// regex finds 十二份 and the tagger 二份. Handing both on leaves a slot to whichever comes last,
// so of the entities of one type whose spans overlap only one is kept: the longest span, then
// the most confident, then the first. Different types on the same words (a `number` inside a
// `quantity`) are different readings and all stay, as in Rasa.
import type { Entity } from '../../core/index.js';

const span = (e: Entity): number => (e.end ?? 0) - (e.start ?? 0);
const confidence = (e: Entity): number => e.confidence_entity ?? e.confidence ?? 0;
const overlaps = (a: Entity, b: Entity): boolean =>
  a.start !== undefined && a.end !== undefined && b.start !== undefined && b.end !== undefined && a.start < b.end && b.start < a.end;

/** The entities without same-type duplicates over overlapping spans (order kept). */
export function resolveSameTypeOverlaps(entities: readonly Entity[]): Entity[] {
  if (entities.length < 2) return [...entities];
  const better = (a: Entity, b: Entity): boolean => span(a) > span(b) || (span(a) === span(b) && confidence(a) > confidence(b));
  const dropped = new Set<number>();
  entities.forEach((a, i) => {
    entities.forEach((b, j) => {
      if (i >= j || dropped.has(i) || dropped.has(j) || a.entity !== b.entity || !overlaps(a, b)) return;
      dropped.add(better(b, a) ? i : j);
    });
  });
  return entities.filter((_, i) => !dropped.has(i));
}
