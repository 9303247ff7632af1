// RegexFeaturizer: one sentence feature per regex / lookup table, set when it matches anywhere.
import { z } from 'zod';
import type { Message, TrainableNluComponent, TrainingContext } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { collectPatterns, compilePattern, type CompileOptions, type PatternSource } from '../extractors/patterns.js';

const options = z.object({
  case_sensitive: z.boolean().default(true),
  use_word_boundaries: z.boolean().default(true),
  use_lookup_tables: z.boolean().default(true),
  use_regexes: z.boolean().default(true),
  number_additional_patterns: z.number().int().nullable().optional(),
  alias: z.string().nullable().optional(),
}).strict();

export class RegexFeaturizer implements TrainableNluComponent {
  readonly name = 'RegexFeaturizer';
  private sources: PatternSource[] = [];
  private compiled: RegExp[] = [];

  constructor(private readonly key: string, private readonly compile: CompileOptions, private readonly select: { useRegexes: boolean; useLookupTables: boolean }, sources?: PatternSource[]) {
    if (sources) this.setSources(sources);
  }

  private setSources(sources: PatternSource[]): void {
    this.sources = sources;
    this.compiled = sources.map((s) => compilePattern(s, this.compile));
  }

  train(ctx: TrainingContext): void {
    this.setSources(collectPatterns(ctx.data, this.select));
  }

  process(msg: Message): void {
    const features = new Map<number, number>();
    this.compiled.forEach((re, i) => {
      re.lastIndex = 0;
      if (re.test(msg.text)) features.set(i, 1);
    });
    msg.sparse.set(this.key, features);
  }

  persist(): { patterns: PatternSource[] } {
    return { patterns: this.sources };
  }
}

const stateSchema = z.object({ patterns: z.array(z.object({ name: z.string(), pattern: z.string() })) });

export const regexFeaturizerSpec = defineComponent({
  stage: 'featurizer',
  options,
  create: (opts, env) => {
    const compile = { caseSensitive: opts.case_sensitive, wordBoundaries: opts.use_word_boundaries };
    const select = { useRegexes: opts.use_regexes, useLookupTables: opts.use_lookup_tables };
    if (env.state === undefined) return new RegexFeaturizer(env.key, compile, select);
    return new RegexFeaturizer(env.key, compile, select, parseState(stateSchema, env).patterns);
  },
});
