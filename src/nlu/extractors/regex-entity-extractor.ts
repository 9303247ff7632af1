// RegexEntityExtractor: regexes and lookup tables named after an entity mark that entity in the text.
import { z } from 'zod';
import type { Entity } from '../../core/index.js';
import type { Message, TrainableNluComponent, TrainingContext } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { collectPatterns, compilePattern, findMatches, type CompileOptions, type PatternMatch, type PatternSource } from './patterns.js';

const options = z.object({
  case_sensitive: z.boolean().default(false),
  use_lookup_tables: z.boolean().default(true),
  use_regexes: z.boolean().default(true),
  use_word_boundaries: z.boolean().default(true),
}).strict();

/** A match inside a longer match of the same entity is noise (lookup "牛肉" inside "牛肉套餐"). */
function dropNested(matches: PatternMatch[]): PatternMatch[] {
  return matches.filter((m) => !matches.some((o) => o !== m && o.name === m.name && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
}

export class RegexEntityExtractor implements TrainableNluComponent {
  readonly name = 'RegexEntityExtractor';
  private sources: PatternSource[] = [];
  private compiled: { name: string; regex: RegExp }[] = [];

  constructor(private readonly opts: z.output<typeof options>, sources?: PatternSource[]) {
    if (sources) this.setSources(sources);
  }

  private setSources(sources: PatternSource[]): void {
    const compile: CompileOptions = { caseSensitive: this.opts.case_sensitive, wordBoundaries: this.opts.use_word_boundaries };
    this.sources = sources;
    this.compiled = sources.map((s) => ({ name: s.name, regex: compilePattern(s, compile) }));
  }

  train(ctx: TrainingContext): void {
    const names = new Set(ctx.domain.entities.map((e) => e.name));
    for (const ex of ctx.data.examples) for (const e of ex.entities) names.add(e.entity);
    this.setSources(collectPatterns(ctx.data, { useRegexes: this.opts.use_regexes, useLookupTables: this.opts.use_lookup_tables, names }));
  }

  process(msg: Message): void {
    const matches = dropNested(this.compiled.flatMap((c) => findMatches(c.regex, c.name, msg.text)));
    const seen = new Set(msg.parse.entities.map((e) => `${e.entity}:${e.start}:${e.end}`));
    for (const m of matches) {
      const id = `${m.name}:${m.start}:${m.end}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const entity: Entity = { entity: m.name, start: m.start, end: m.end, value: m.text, extractor: this.name };
      msg.parse.entities.push(entity);
    }
  }

  persist(): { patterns: PatternSource[] } {
    return { patterns: this.sources };
  }
}

const stateSchema = z.object({ patterns: z.array(z.object({ name: z.string(), pattern: z.string() })) });

export const regexEntityExtractorSpec = defineComponent({
  stage: 'extractor',
  options,
  create: (o, env) => new RegexEntityExtractor(o, env.state === undefined ? undefined : parseState(stateSchema, env).patterns),
});
