// EntitySpanExtender (Parley's addition): an entity of a listed type grows over the text right after
// it that a pattern says continues it. The tagger learns where addresses end from its examples, most
// of which stop at a house number, so 静安区南京西路1266号恒隆广场，电话… gave 静安区南京西路1266号; a
// pattern for what follows a house number (a building, a floor, a room) carries the span on.
// Place it after the extractors and before EntitySynonymMapper and EntityValueNormalizer.
import { z } from 'zod';
import type { Entity } from '../../core/index.js';
import type { Message, NluComponent } from '../component.js';
import { defineComponent } from '../pipeline/component-spec.js';

const extension = z.object({
  /** a regular expression (Unicode, no flags) matched right at the entity's end: what it matches joins the entity */
  after: z.string().min(1),
}).strict();

const options = z.object({
  /** entity type → the pattern that continues it */
  entities: z.record(z.string(), extension),
}).strict();

export class EntitySpanExtender implements NluComponent {
  constructor(readonly name: string, private readonly afterOf: ReadonlyMap<string, RegExp>) {}

  process(msg: Message): void {
    const entities = msg.parse.entities;
    for (const entity of entities) {
      const after = this.afterOf.get(entity.entity);
      if (!after || entity.start === undefined || entity.end === undefined) continue;
      const surface = msg.text.slice(entity.start, entity.end);
      // a value another component already mapped (a synonym, a normalised phone) is not its text any more
      if (entity.value !== surface) continue;
      const end = extendedEnd(msg.text, entity.end, after, nextEntityStart(entities, entity));
      if (end === entity.end) continue;
      entity.end = end;
      entity.value = msg.text.slice(entity.start, end);
      entity.processors = [...(entity.processors ?? []), this.name];
    }
  }
}

/** Where the nearest other entity starting at or after this one's end starts: the extension stops there. */
function nextEntityStart(entities: readonly Entity[], entity: Entity): number {
  let limit = Number.POSITIVE_INFINITY;
  for (const other of entities) {
    if (other === entity || other.start === undefined) continue;
    if (other.start >= (entity.end as number) && other.start < limit) limit = other.start;
  }
  return limit;
}

function extendedEnd(text: string, end: number, after: RegExp, limit: number): number {
  const visible = Number.isFinite(limit) ? text.slice(0, limit) : text;
  after.lastIndex = end;
  const m = after.exec(visible);
  return m ? end + m[0].length : end;
}

/** The sticky pattern for one type; one that does not compile is a config error naming the type. */
function stickyPattern(source: string, type: string, component: string): RegExp {
  try {
    return new RegExp(source, 'uy');
  } catch (e) {
    throw new Error(`${component}: entities.${type}.after is not a valid regular expression: ${(e as Error).message}`, { cause: e });
  }
}

export const entitySpanExtenderSpec = defineComponent({
  stage: 'processor',
  options,
  create: (o, env) => new EntitySpanExtender(env.name, new Map(Object.entries(o.entities).map(([type, ext]) => [type, stickyPattern(ext.after, type, env.name)]))),
});
