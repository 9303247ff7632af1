// Two extractors often read the same words as the same entity type, with different edges: a
// regex finds 十二份 and the tagger 二份. Handing both on leaves a slot to whichever comes last,
// so of the entities of one type whose spans overlap only one is kept: the longest span, then
// the most confident, then the first. Different types on the same words (a `number` inside a
// `quantity`) are different readings and all stay, as in Rasa. Over the very same words, the one
// kept takes the role and group the other was given where it has none: a regex finds 仨 in 多加仨,
// the tagger knows it is an amount added (role `more`).
import type { Entity } from '../../core/index.js';

const span = (e: Entity): number => (e.end ?? 0) - (e.start ?? 0);
const confidence = (e: Entity): number => e.confidence_entity ?? e.confidence ?? 0;
const overlaps = (a: Entity, b: Entity): boolean =>
  a.start !== undefined && a.end !== undefined && b.start !== undefined && b.end !== undefined && a.start < b.end && b.start < a.end;

const sameWords = (a: Entity, b: Entity): boolean => a.start === b.start && a.end === b.end;

/** `kept` with the role and group of `dropped` (over the same words) that it lacks. */
function withRoleOf(kept: Entity, dropped: Entity): Entity {
  const role = kept.role === undefined && dropped.role !== undefined
    ? { role: dropped.role, ...(dropped.confidence_role === undefined ? {} : { confidence_role: dropped.confidence_role }) } : {};
  const group = kept.group === undefined && dropped.group !== undefined
    ? { group: dropped.group, ...(dropped.confidence_group === undefined ? {} : { confidence_group: dropped.confidence_group }) } : {};
  return { ...kept, ...role, ...group };
}

/** The entities without same-type duplicates over overlapping spans (order kept). */
export function resolveSameTypeOverlaps(entities: readonly Entity[]): Entity[] {
  if (entities.length < 2) return [...entities];
  const better = (a: Entity, b: Entity): boolean => span(a) > span(b) || (span(a) === span(b) && confidence(a) > confidence(b));
  const kept = [...entities];
  const dropped = new Set<number>();
  kept.forEach((_, i) => {
    kept.forEach((_, j) => {
      const a = kept[i] as Entity;
      const b = kept[j] as Entity;
      if (i >= j || dropped.has(i) || dropped.has(j) || a.entity !== b.entity || !overlaps(a, b)) return;
      const [keep, drop] = better(b, a) ? [j, i] : [i, j];
      dropped.add(drop);
      if (sameWords(a, b)) kept[keep] = withRoleOf(kept[keep] as Entity, kept[drop] as Entity);
    });
  });
  return kept.filter((_, i) => !dropped.has(i));
}
