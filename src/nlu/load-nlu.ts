// Loading a persisted model: rebuild each component from its options and trained state; no training.
import type { Domain } from '../core/index.js';
import { validateModelData, type NluModelData } from './nlu-model-data.js';
import { PipelineNluModel, type NluModel } from './nlu-model.js';
import { componentRegistry } from './pipeline/registry.js';

export function loadNlu(data: NluModelData, domain: Domain): NluModel {
  const valid = validateModelData(data);
  const components = valid.components.map((c) => {
    const spec = componentRegistry[c.component];
    const options = spec.parseOptions(c.options, c.name);
    return spec.create(options, { key: c.key, name: c.name, language: valid.language, chineseScript: valid.chinese_script ?? 'as_written', domain, state: c.state });
  });
  return new PipelineNluModel(components, valid, domain);
}
