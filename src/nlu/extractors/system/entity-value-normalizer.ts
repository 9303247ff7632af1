// EntityValueNormalizer (Parley's addition): entities another extractor found (the tagger's or a
// regex's `phone`, say) take the value a system dimension reads from their words, as Duckling would
// give it: 一三九 一二三四 五六七八 → 13912345678, 021-6432 1234 → 02164321234. Each entity keeps its
// type and span, so its slot mappings and sensitive-entity settings stay as they are; an entity
// whose whole text the dimension does not read keeps its value.
import { z } from 'zod';
import type { Entity } from '../../../core/index.js';
import type { Message, NluComponent } from '../../component.js';
import { defineComponent } from '../../pipeline/component-spec.js';
import { extractSystemEntities } from './extract-system-entities.js';
import type { Dimension, ExtractContext } from './system-entity.js';
import { checkedDimensions, localeAndTimezone, referenceTime } from './system-entity-extractor.js';

const options = z.object({
  /** entity type → the dimension whose value it takes, e.g. {phone: phone-number} */
  entities: z.record(z.string(), z.string()),
  locale: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
}).strict();

export class EntityValueNormalizer implements NluComponent {
  constructor(
    readonly name: string,
    private readonly dimensionOf: ReadonlyMap<string, Dimension>,
    private readonly where: { locale: string; timezone: string },
    private readonly now: () => Date = () => new Date(),
  ) {}

  process(msg: Message): void {
    let ctx: ExtractContext | undefined;
    for (const entity of msg.parse.entities) {
      const dim = this.dimensionOf.get(entity.entity);
      if (dim === undefined || entity.start === undefined || entity.end === undefined) continue;
      ctx ??= { reference: referenceTime(msg, this.now), ...this.where };
      const value = wholeSpanValue(msg.text.slice(entity.start, entity.end), dim, ctx);
      if (value === undefined) continue;
      entity.value = value;
      entity.processors = [...(entity.processors ?? []), this.name];
    }
  }
}

/** The dimension's value when one match covers the whole text (but surrounding spaces), else undefined. */
function wholeSpanValue(text: string, dim: Dimension, ctx: ExtractContext): Entity['value'] {
  const first = text.length - text.trimStart().length;
  const last = text.trimEnd().length;
  return extractSystemEntities(text, [dim], ctx).find((m) => m.start === first && m.end === last)?.value;
}

export const entityValueNormalizerSpec = defineComponent({
  stage: 'processor',
  options,
  create: (o, env) => {
    const types = Object.keys(o.entities);
    const dims = checkedDimensions(types.map((t) => o.entities[t] as string), env.name);
    return new EntityValueNormalizer(env.name, new Map(types.map((t, k) => [t, dims[k] as Dimension])), localeAndTimezone(o, env));
  },
});
