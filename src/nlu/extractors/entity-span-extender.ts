// EntitySpanExtender (Parley's addition): an entity of a listed type grows over the text right after
// it (or right before it) that a pattern says continues it. The tagger learns where addresses end from
// its examples, most of which stop at a house number, so 静安区南京西路1266号恒隆广场，电话… gave
// 静安区南京西路1266号; a pattern for what follows a house number (a building, a floor, a room) carries
// the span on. It stops before an entity of another type; one of the same type that it covers is taken
// in (010-12345678 and 123 in 010-12345678转123 become one phone). The tagger can also start a span
// late: 再加两百份 gave 百份, a hundred, where a pattern for the numerals before it gives back 两百份.
// Place it after the extractors and before EntitySynonymMapper and EntityValueNormalizer.
import { z } from 'zod';
import type { Entity } from '../../core/index.js';
import type { Message, NluComponent } from '../component.js';
import { defineComponent } from '../pipeline/component-spec.js';
import { optionRegex } from '../pipeline/option-regex.js';

const extension = z.object({
  /** a regular expression (Unicode, no flags) matched right at the entity's end: what it matches joins the entity */
  after: z.string().min(1).optional(),
  /** one matched right up to the entity's start: what it matches joins the entity, no further back than the entity before */
  before: z.string().min(1).optional(),
}).strict().refine((e) => e.after !== undefined || e.before !== undefined, { message: 'needs "after", "before" or both' });

interface Extension { after?: RegExp; before?: RegExp }

const options = z.object({
  /** entity type → the pattern that continues it */
  entities: z.record(z.string(), extension),
}).strict();

export class EntitySpanExtender implements NluComponent {
  constructor(readonly name: string, private readonly extensionOf: ReadonlyMap<string, Extension>) {}

  process(msg: Message): void {
    const absorbed = new Set<Entity>();
    for (const entity of msg.parse.entities) {
      const extension = this.extensionOf.get(entity.entity);
      if (!extension || absorbed.has(entity) || entity.start === undefined || entity.end === undefined) continue;
      const surface = msg.text.slice(entity.start, entity.end);
      // a value another component already mapped (a synonym, a normalised phone) is not its text any more
      if (entity.value !== surface) continue;
      if (extension.before) {
        const floor = Math.max(0, ...msg.parse.entities.filter((o) => o !== entity && (o.end ?? Infinity) <= (entity.start as number)).map((o) => o.end as number));
        const start = extendedStart(msg.text, entity.start, extension.before, floor);
        if (start < entity.start) this.grown(entity, msg.text, start, entity.end);
      }
      const after = extension.after;
      if (!after) continue;
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
      this.grown(entity, msg.text, entity.start, end);
    }
    if (absorbed.size > 0) msg.parse.entities = msg.parse.entities.filter((e) => !absorbed.has(e));
  }

  private grown(entity: Entity, text: string, start: number, end: number): void {
    entity.start = start;
    entity.end = end;
    entity.value = text.slice(start, end);
    if (!entity.processors?.includes(this.name)) entity.processors = [...(entity.processors ?? []), this.name];
  }
}

/** `before` is compiled anchored at the end (`(?:…)$`): matched against the text from `floor` to the entity, its match is the longest. */
function extendedStart(text: string, start: number, before: RegExp, floor: number): number {
  const m = before.exec(text.slice(floor, start));
  return m ? start - m[0].length : start;
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
  create: (o, env) => new EntitySpanExtender(env.name, new Map(Object.entries(o.entities).map(([type, ext]): [string, Extension] => [type, {
    ...(ext.after === undefined ? {} : { after: optionRegex(ext.after, 'uy', `${env.name}: entities.${type}.after`, env.chineseScript) }),
    ...(ext.before === undefined ? {} : { before: optionRegex(`(?:${ext.before})$`, 'u', `${env.name}: entities.${type}.before`, env.chineseScript) }),
  }]))),
});
