// config.yml: language, recipe, assistant_id, pipeline and policies (defaults filled like Rasa).
import type { Node } from 'yaml';
import type { ChineseScript, ComponentConfig, ModelConfig } from '../core/index.js';
import { copyComponents, DEFAULT_LANGUAGE, DEFAULT_PIPELINE, DEFAULT_POLICIES } from './default-config.js';
import type { YamlSource } from './yaml-source.js';

const PLACEHOLDER_ASSISTANT_ID = 'placeholder_default';

export function defaultModelConfig(): ModelConfig {
  return { language: DEFAULT_LANGUAGE, pipeline: copyComponents(DEFAULT_PIPELINE), policies: copyComponents(DEFAULT_POLICIES) };
}

export function readModelConfig(src: YamlSource, root: Node | null): ModelConfig {
  const config = defaultModelConfig();
  const seen = new Set<string>();
  if (!src.isNull(root)) {
    for (const { key, value, line } of src.entries(root, 'config.yml')) {
      if (src.isNull(value)) continue;
      seen.add(key);
      switch (key) {
        case 'language': config.language = src.str(value, 'language', line); break;
        case 'recipe': config.recipe = src.str(value, 'recipe', line); break;
        case 'chinese_script': config.chineseScript = chineseScript(src, src.str(value, 'chinese_script', line), value, line); break;
        case 'assistant_id': config.assistantId = src.str(value, 'assistant_id', line); break;
        case 'pipeline':
        case 'policies': config[key] = readComponents(src, key, value, line); break;
        case 'version': break;
        default: src.warn(value, 'unknown_key', `unknown config key '${key}' ignored`, line);
      }
    }
  }
  fillDefaults(src, config, seen);
  if (config.recipe !== undefined && config.recipe !== 'default.v1') {
    src.warn(null, 'unknown_recipe', `recipe '${config.recipe}' is not supported; the default recipe is used`);
  }
  if (config.assistantId === PLACEHOLDER_ASSISTANT_ID) {
    src.warn(null, 'placeholder_assistant_id', `assistant_id is still '${PLACEHOLDER_ASSISTANT_ID}'; set a unique name`);
  }
  return config;
}

const CHINESE_SCRIPTS: readonly ChineseScript[] = ['simplified', 'as_written'];

function chineseScript(src: YamlSource, text: string, node: Node | null, line: number): ChineseScript {
  const script = CHINESE_SCRIPTS.find((s) => s === text);
  return script ?? src.fail(node, `chinese_script must be one of ${CHINESE_SCRIPTS.join(', ')}, not '${text}'`, line);
}

function fillDefaults(src: YamlSource, config: ModelConfig, seen: Set<string>): void {
  for (const key of ['pipeline', 'policies'] as const) {
    if (seen.has(key) && config[key].length > 0) continue;
    config[key] = copyComponents(key === 'pipeline' ? DEFAULT_PIPELINE : DEFAULT_POLICIES);
    src.warn(null, 'default_config', `no ${key} configured; using Rasa's default ${key}`);
  }
}

function readComponents(src: YamlSource, key: string, node: Node | null, line: number): ComponentConfig[] {
  return src.items(node, key, line).map((item) => {
    const component = src.js(item);
    if (typeof component !== 'object' || component === null || Array.isArray(component)) {
      return src.fail(item, `each ${key} item must be a mapping with a 'name'`);
    }
    const name = (component as Record<string, unknown>)['name'];
    if (typeof name !== 'string' || name.trim() === '') src.fail(item, `a ${key} item has no 'name'`);
    return component as ComponentConfig;
  });
}
