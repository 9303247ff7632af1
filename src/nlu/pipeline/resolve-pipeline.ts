// config.yml pipeline → the components we build: names checked against the registry, options
// validated, unavailable Rasa components substituted or skipped with a warning.
import type { ComponentConfig, ModelConfig } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { isChineseLanguage } from '../util/language.js';
import { defaultPipeline, defaultTokenizerName } from './default-pipeline.js';
import { componentRegistry, isComponentName, UNAVAILABLE_COMPONENTS, type ComponentName } from './registry.js';

export interface ResolvedComponent {
  /** registry entry */
  component: ComponentName;
  /** name as written in config.yml, or the substitute's */
  name: string;
  /** unique in the pipeline; persisted, so it names the same feature set after loading */
  key: string;
  options: Record<string, unknown>;
}

export interface ResolvedPipeline { components: ResolvedComponent[]; warnings: string[] }

const NEEDS_TOKENS = new Set(['featurizer', 'classifier']);

function entryName(entry: ComponentConfig, known: string): string {
  const name = entry.name;
  if (typeof name === 'string' && (isComponentName(name) || name in UNAVAILABLE_COMPONENTS)) return name;
  throw new ParleyError('CONFIG_INVALID', `config.yml: unknown pipeline component "${String(name)}" (known: ${known})`);
}

/** Substitutes or skips what we cannot run; returns the entries we will build. */
function substitute(pipeline: readonly ComponentConfig[], language: string, warnings: string[]): { name: ComponentName; options: Record<string, unknown> }[] {
  const known = [...Object.keys(componentRegistry), ...Object.keys(UNAVAILABLE_COMPONENTS)].join(', ');
  const out: { name: ComponentName; options: Record<string, unknown> }[] = [];
  for (const entry of pipeline) {
    const name = entryName(entry, known);
    const { name: _name, ...options } = entry;
    if (isComponentName(name)) { out.push({ name, options }); continue; }
    if (UNAVAILABLE_COMPONENTS[name] === 'tokenizer') {
      const sub = defaultTokenizerName(language);
      warnings.push(`config.yml: ${name} is not available in Parley; using ${sub} instead`);
      out.push({ name: sub, options: {} });
    } else {
      warnings.push(`config.yml: ${name} is not available in Parley; it is skipped`);
    }
  }
  return out;
}

function ensureTokenizer(entries: { name: ComponentName; options: Record<string, unknown> }[], language: string, warnings: string[]): void {
  const stages = entries.map((e) => componentRegistry[e.name].stage);
  if (stages.includes('tokenizer') || !stages.some((s) => NEEDS_TOKENS.has(s))) return;
  const sub = defaultTokenizerName(language);
  warnings.push(`config.yml: the pipeline has no tokenizer; ${sub} was added first`);
  entries.unshift({ name: sub, options: {} });
}

export function resolvePipeline(config: Pick<ModelConfig, 'language' | 'pipeline'>): ResolvedPipeline {
  const warnings: string[] = [];
  const source = config.pipeline.length > 0 ? config.pipeline : defaultPipeline(config.language);
  const entries = substitute(source, config.language, warnings);
  ensureTokenizer(entries, config.language, warnings);
  if (isChineseLanguage(config.language) && entries.some((e) => e.name === 'WhitespaceTokenizer')) {
    warnings.push('config.yml: WhitespaceTokenizer cannot segment Chinese words; use JiebaTokenizer for language zh');
  }
  const components = entries.map((e, i) => ({
    component: e.name,
    name: e.name,
    key: `${e.name}#${i}`,
    options: componentRegistry[e.name].parseOptions(e.options, e.name),
  }));
  return { components, warnings };
}
