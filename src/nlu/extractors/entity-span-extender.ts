// EntitySpanExtender (Parley's addition): an entity of a listed type grows over the text right after
// it that a pattern says continues it. The tagger learns where addresses end from its examples, most
// of which stop at a house number, so 静安区南京西路1266号恒隆广场，电话… gave 静安区南京西路1266号; a
// pattern for what follows a house number (a building, a floor, a room) carries the span on. It stops
// before an entity of another type; one of the same type that it covers is taken in (010-12345678 and
// 123 in 010-12345678转123 become one phone).
// Place it after the extractors and before EntitySynonymMapper and EntityValueNormalizer.
import { z } from 'zod';
import type { Entity } from '../../core/index.js';
import type { Message, NluComponent } from '../component.js';
import { defineComponent } from '../pipeline/component-spec.js';
import { optionRegex } from '../pipeline/option-regex.js';

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
    const absorbed = new Set<Entity>();
    for (const entity of msg.parse.entities) {
      const after = this.afterOf.get(entity.entity);
      if (!after || absorbed.has(entity) || entity.start === undefined || entity.end === undefined) continue;
      const surface = msg.text.slice(entity.start, entity.end);
      // a value another component already mapped (a synonym, a normalised phone) is not its text any more
      if (entity.value !== surface) continue;
      const from = entity.end;
      const later = msg.parse.entities.filter((o) => o !== entity && !absorbed.has(o) && o.start !== undefined && o.start >= from);
      let limit = Math.min(...later.filter((o) => o.entity !== entity.entity).map((o) => o.start as number));
      let end = extendedEnd(msg.text, from, after, limit);
      // one of the same type that the extension would cut through bounds it instead
      const cut = later.filter((o) => o.entity === entity.entity && (o.start as number) < end && (o.end ?? 0) > end);
      if (cut.length > 0) {
        limit = Math.min(limit, ...cut.map((o) => o.start as number));
        end = extendedEnd(msg.text, from, after, limit);
      }
      if (end === from) continue;
      for (const o of later) if (o.entity === entity.entity && (o.end ?? 0) <= end) absorbed.add(o);
      entity.end = end;
      entity.value = msg.text.slice(entity.start, end);
      entity.processors = [...(entity.processors ?? []), this.name];
    }
    if (absorbed.size > 0) msg.parse.entities = msg.parse.entities.filter((e) => !absorbed.has(e));
  }
}

function extendedEnd(text: string, end: number, after: RegExp, limit: number): number {
  const visible = limit < text.length ? text.slice(0, limit) : text;
  after.lastIndex = end;
  const m = after.exec(visible);
  return m ? end + m[0].length : end;
}

export const entitySpanExtenderSpec = defineComponent({
  stage: 'processor',
  options,
  create: (o, env) => new EntitySpanExtender(env.name, new Map(Object.entries(o.entities).map(([type, ext]) => [type, optionRegex(ext.after, 'uy', `${env.name}: entities.${type}.after`, env.chineseScript)]))),
});
