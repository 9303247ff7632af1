// Parley's NLU: train a pipeline from config.yml + NLU data, persist it, load it, parse messages.
export type { NluModel, ParseOptions } from './nlu-model.js';
export { MAX_PARSED_CHARS } from './nlu-model.js';
export type { NluModelData, PersistedComponent } from './nlu-model-data.js';
export { NLU_FORMAT_VERSION } from './nlu-model-data.js';
export { trainNlu, type TrainNluOptions } from './train-nlu.js';
export { loadNlu } from './load-nlu.js';
export { componentRegistry, type ComponentName } from './pipeline/registry.js';
export { defaultCharFeaturizer, defaultPipeline } from './pipeline/default-pipeline.js';
export type { Message, NluComponent, TrainableNluComponent, Token, TrainingContext } from './component.js';
