// DIETClassifier: our joint intent + entity model (what config.yml's DIETClassifier builds). A ReLU
// network over the sparse features for intents (calibrated), a BILOU CRF for entities, small
// classifiers for roles and groups; trained locally, deterministic for a seed.
import type { Entity } from '../../../core/index.js';
import type { Message, TrainableNluComponent, TrainingContext } from '../../component.js';
import { defineComponent, parseState } from '../../pipeline/component-spec.js';
import { isChineseLanguage } from '../../util/language.js';
import { toRanking } from '../ranking.js';
import { dietOptions, type DietOptions } from './diet-options.js';
import { dietStateSchema, type DietState } from './diet-state.js';
import { trainDiet } from './diet-training.js';
import { IntentHead } from './intent/intent-head.js';
import { AttributeClassifier } from './roles/attribute-classifier.js';
import { EntityHead } from './tagging/entity-head.js';
import { tagUnits } from './tagging/tag-tokens.js';

interface Parts { intent?: IntentHead; entities?: EntityHead; roles?: AttributeClassifier; groups?: AttributeClassifier }

function partsOf(s: DietState): Parts {
  const parts: Parts = {};
  if (s.intent) parts.intent = IntentHead.fromData(s.intent);
  if (s.entities) parts.entities = EntityHead.fromData(s.entities);
  if (s.roles) parts.roles = AttributeClassifier.fromData(s.roles);
  if (s.groups) parts.groups = AttributeClassifier.fromData(s.groups);
  return parts;
}

export class DietClassifier implements TrainableNluComponent {
  private state: DietState | undefined;
  private parts: Parts = {};

  constructor(readonly name: string, private readonly opts: DietOptions, private readonly language: string, state?: DietState) {
    if (state) this.setState(state);
  }

  private setState(state: DietState): void {
    this.state = state;
    this.parts = partsOf(state);
  }

  train(ctx: TrainingContext, messages: Message[]): void {
    this.setState(trainDiet({ ctx, messages, opts: this.opts, name: this.name }));
  }

  process(msg: Message): void {
    this.classify(msg);
    this.extract(msg);
  }

  private classify(msg: Message): void {
    const head = this.parts.intent;
    if (!head || head.model.labels.length === 0) return;
    const ranking = toRanking(head.rank(msg, this.opts.ranking_length), { length: this.opts.ranking_length, renormalize: this.opts.renormalize_confidences });
    const top = ranking[0];
    if (!top) return;
    msg.parse.intent = { name: top.name, confidence: top.confidence };
    msg.parse.intent_ranking = ranking;
    msg.parse.parley = { decided_by: 'classifier' };
  }

  private extract(msg: Message): void {
    const head = this.parts.entities;
    if (!head) return;
    // the tagger was trained with the intent as a feature when there was an intent head
    const intent = this.parts.intent ? msg.parse.intent : undefined;
    const found = head.extract(msg.text, msg.tokens, intent?.name ?? '', intent?.confidence ?? 0, intent ? msg.parse.intent_ranking : []);
    if (found.length === 0) return;
    const units = this.parts.roles || this.parts.groups ? tagUnits(msg.text, msg.tokens, { characters: isChineseLanguage(this.language) }) : [];
    for (const f of found) {
      const entity: Entity = {
        entity: f.entity, start: f.start, end: f.end, confidence_entity: f.confidence,
        value: msg.text.slice(f.start, f.end), extractor: this.name,
      };
      const context = { entity: f.entity, start: f.start, end: f.end, units };
      const role = this.parts.roles?.predict(context);
      if (role) { entity.role = role.value; entity.confidence_role = role.confidence; }
      const group = this.parts.groups?.predict(context);
      if (group) { entity.group = group.value; entity.confidence_group = group.confidence; }
      msg.parse.entities.push(entity);
    }
  }

  persist(): DietState | null {
    return this.state ?? null;
  }
}

export const dietClassifierSpec = defineComponent({
  stage: 'classifier',
  options: dietOptions,
  create: (opts, env) => {
    const state = env.state === undefined || env.state === null ? undefined : parseState(dietStateSchema, env);
    return new DietClassifier(env.name, opts, env.language, state);
  },
});
