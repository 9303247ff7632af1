// EntitySynonymMapper: maps extracted values to their canonical value (NLU `synonym:` blocks and
// annotations like `[NYC](city:New York)`), matching case-insensitively as Rasa does.
import { z } from 'zod';
import type { NluTrainingData } from '../../core/index.js';
import type { Message, TrainableNluComponent, TrainingContext } from '../component.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';

export function collectSynonyms(data: NluTrainingData): Record<string, string> {
  const synonyms: Record<string, string> = {};
  for (const [surface, canonical] of Object.entries(data.synonyms)) synonyms[surface.toLowerCase()] = canonical;
  for (const ex of data.examples) {
    for (const e of ex.entities) {
      const surface = ex.text.slice(e.start, e.end);
      if (surface !== e.value) synonyms[surface.toLowerCase()] = e.value;
    }
  }
  return synonyms;
}

export class EntitySynonymMapper implements TrainableNluComponent {
  readonly name = 'EntitySynonymMapper';
  private synonyms = new Map<string, string>();

  constructor(synonyms?: Record<string, string>) {
    if (synonyms) this.synonyms = new Map(Object.entries(synonyms));
  }

  train(ctx: TrainingContext): void {
    this.synonyms = new Map(Object.entries(collectSynonyms(ctx.data)));
  }

  process(msg: Message): void {
    for (const entity of msg.parse.entities) {
      const v = entity.value;
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
      const canonical = this.synonyms.get(String(v).toLowerCase());
      if (canonical === undefined) continue;
      entity.value = canonical;
      entity.processors = [...(entity.processors ?? []), this.name];
    }
  }

  persist(): { synonyms: Record<string, string> } {
    return { synonyms: Object.fromEntries([...this.synonyms].sort(([a], [b]) => (a < b ? -1 : 1))) };
  }
}

const stateSchema = z.object({ synonyms: z.record(z.string(), z.string()) });

export const entitySynonymMapperSpec = defineComponent({
  stage: 'processor',
  options: z.object({}).strict(),
  create: (_o, env) => new EntitySynonymMapper(env.state === undefined ? undefined : parseState(stateSchema, env).synonyms),
});
