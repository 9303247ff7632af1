// EntityValueNormalizer (Parley's addition): entities another extractor found (the tagger's or a
// regex's `phone`, say) take the value a system dimension reads from their words, as Duckling would
// give it: 一三九 一二三四 五六七八 → 13912345678, 021-6432 1234 → 02164321234. Each entity keeps its
// type and span, so its slot mappings and sensitive-entity settings stay as they are; an entity
// whose whole text the dimension does not read keeps its value. An entity type may instead be given a
// canonical written form (`{remove: '[\\s-]', case: upper}`: "ab 123-456" → AB123456), for identifiers that
// people type with spaces, dashes or in either case and that a backend looks up exactly.
import { z } from 'zod';
import type { ChineseScript, Entity } from '../../../core/index.js';
import type { Message, NluComponent } from '../../component.js';
import { defineComponent } from '../../pipeline/component-spec.js';
import { optionRegex } from '../../pipeline/option-regex.js';
import { extractSystemEntities } from './extract-system-entities.js';
import type { Dimension, ExtractContext } from './system-entity.js';
import { checkedDimensions, localeAndTimezone, referenceTime } from './system-entity-extractor.js';

const canonicalForm = z.object({
  /** a regular expression (no flags) whose every match is removed from the text, e.g. '[\\s-]' */
  remove: z.string().optional(),
  case: z.enum(['upper', 'lower']).optional(),
}).strict();
type CanonicalForm = z.infer<typeof canonicalForm>;

const options = z.object({
  /** entity type → the dimension whose value it takes ({phone: phone-number}), or a canonical written form */
  entities: z.record(z.string(), z.union([z.string(), canonicalForm])),
  locale: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
}).strict();

export class EntityValueNormalizer implements NluComponent {
  constructor(
    readonly name: string,
    private readonly dimensionOf: ReadonlyMap<string, Dimension>,
    private readonly where: { locale: string; timezone: string },
    private readonly now: () => Date = () => new Date(),
    private readonly formOf: ReadonlyMap<string, (text: string) => string> = new Map(),
  ) {}

  process(msg: Message): void {
    let ctx: ExtractContext | undefined;
    for (const entity of msg.parse.entities) {
      if (entity.start === undefined || entity.end === undefined) continue;
      const text = msg.text.slice(entity.start, entity.end);
      const form = this.formOf.get(entity.entity);
      const dim = this.dimensionOf.get(entity.entity);
      let value: Entity['value'];
      if (form) value = form(text) || undefined;
      else if (dim !== undefined) {
        ctx ??= { reference: referenceTime(msg, this.now), ...this.where };
        value = wholeSpanValue(text, dim, ctx);
      }
      if (value === undefined) continue;
      entity.value = value;
      entity.processors = [...(entity.processors ?? []), this.name];
    }
  }
}

/** The function writing an entity's text in its canonical form; a pattern that does not compile is a config error. */
function writer(form: CanonicalForm, type: string, component: string, script: ChineseScript | undefined): (text: string) => string {
  const remove = form.remove === undefined ? undefined : optionRegex(form.remove, 'gu', `${component}: entities.${type}.remove`, script);
  return (text) => {
    const kept = (remove ? text.replace(remove, '') : text).trim();
    return form.case === 'upper' ? kept.toUpperCase() : form.case === 'lower' ? kept.toLowerCase() : kept;
  };
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
    const byDimension = Object.entries(o.entities).filter((e): e is [string, string] => typeof e[1] === 'string');
    const dims = checkedDimensions(byDimension.map(([, d]) => d), env.name);
    const forms = Object.entries(o.entities).flatMap(([type, spec]) => (typeof spec === 'string' ? [] : [[type, writer(spec, type, env.name, env.chineseScript)] as const]));
    return new EntityValueNormalizer(env.name, new Map(byDimension.map(([t], k) => [t, dims[k] as Dimension])), localeAndTimezone(o, env), undefined, new Map(forms));
  },
});
