// SystemEntityExtractor (also registered as DucklingEntityExtractor): Duckling's dimensions in-process.
// Duckling's `url` option is accepted and ignored: nothing is called over the network.
import { z } from 'zod';
import type { Entity } from '../../../core/index.js';
import { ParleyError } from '../../../errors.js';
import type { Message, NluComponent } from '../../component.js';
import { defineComponent } from '../../pipeline/component-spec.js';
import { extractSystemEntities } from './extract-system-entities.js';
import { DIMENSIONS, type Dimension, type SystemMatch } from './system-entity.js';
import { assertTimezone } from './time/zoned-time.js';

const options = z.object({
  dimensions: z.array(z.string()).nullable().optional(),
  locale: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
  timeout: z.number().nullable().optional(),
}).strict();

export interface SystemEntityExtractorOptions {
  dimensions: readonly Dimension[];
  locale: string;
  timezone: string;
  /** the name entities report as `extractor` (the name written in config.yml) */
  name?: string;
  /** the reference time when a message carries none; tests inject a fixed clock */
  now?: () => Date;
}

export const isDimension = (d: string): d is Dimension => (DIMENSIONS as readonly string[]).includes(d);

/** Rasa passes the reference time as `time` (ms since the epoch); we also accept an ISO string. */
export function referenceTime(msg: Message, now: () => Date): Date {
  const t = msg.metadata.time;
  if (typeof t === 'number' && Number.isFinite(t)) return new Date(t);
  if (typeof t === 'string' && !Number.isNaN(Date.parse(t))) return new Date(t);
  return now();
}

export class SystemEntityExtractor implements NluComponent {
  readonly name: string;
  private readonly now: () => Date;

  constructor(private readonly opts: SystemEntityExtractorOptions) {
    this.name = opts.name ?? 'SystemEntityExtractor';
    this.now = opts.now ?? (() => new Date());
  }

  toEntity(text: string, m: SystemMatch): Entity {
    return {
      entity: m.dim, start: m.start, end: m.end, text: text.slice(m.start, m.end), value: m.value, confidence: 1.0,
      extractor: this.name, additional_info: m.additional_info,
    };
  }

  process(msg: Message): void {
    const ctx = { reference: referenceTime(msg, this.now), timezone: this.opts.timezone, locale: this.opts.locale };
    for (const m of extractSystemEntities(msg.text, this.opts.dimensions, ctx)) msg.parse.entities.push(this.toEntity(msg.text, m));
  }
}

/** config.yml's dimension names, checked: a name Parley does not support is a configuration error. */
export function checkedDimensions(names: readonly string[], component: string): Dimension[] {
  const unknown = names.filter((d) => !isDimension(d));
  if (unknown.length > 0) {
    throw new ParleyError('CONFIG_INVALID', `config.yml: ${component} does not support the dimension(s) ${unknown.join(', ')} (supported: ${DIMENSIONS.join(', ')})`);
  }
  return names.filter(isDimension);
}

/** The locale and timezone dimensions are read in: as configured, else the language's (Chinese: Asia/Shanghai). */
export function localeAndTimezone(o: { locale?: string | null | undefined; timezone?: string | null | undefined }, env: { name: string; language: string }): { locale: string; timezone: string } {
  const zh = /^zh(?:$|[_-])/i.test(o.locale ?? env.language);
  const timezone = o.timezone ?? (zh ? 'Asia/Shanghai' : 'UTC');
  try {
    assertTimezone(timezone);
  } catch (cause) {
    throw new ParleyError('CONFIG_INVALID', `config.yml: ${env.name}: unknown timezone "${timezone}"`, { cause });
  }
  return { locale: o.locale ?? env.language, timezone };
}

/** config.yml options → extractor options, with the language's defaults. */
export function systemExtractorOptions(o: z.output<typeof options>, env: { name: string; language: string }): SystemEntityExtractorOptions {
  return { dimensions: checkedDimensions(o.dimensions ?? [], env.name), ...localeAndTimezone(o, env), name: env.name };
}

export const systemEntityExtractorSpec = defineComponent({
  stage: 'extractor',
  options,
  create: (o, env) => new SystemEntityExtractor(systemExtractorOptions(o, env)),
});
