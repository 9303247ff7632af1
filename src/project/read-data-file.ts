// One training-data file, classified by its top-level keys (nlu, stories, rules, responses).
import type { Node } from 'yaml';
import type { NluTrainingData, Rule, Story } from '../core/index.js';
import { emptyNluData } from '../core/index.js';
import { DOMAIN_KEYS, emptyDomainPart } from './read-domain.js';
import type { DomainPart } from './read-domain.js';
import { readNlu } from './read-nlu.js';
import type { NluReadOptions } from './read-nlu.js';
import { readResponses } from './read-responses.js';
import { readRules, readStories } from './read-stories.js';
import type { YamlSource } from './yaml-source.js';

export const LATEST_FORMAT_VERSION = '3.1';

export interface TrainingBundle {
  nlu: NluTrainingData;
  stories: Story[];
  rules: Rule[];
  responseParts: DomainPart[];
}

export const emptyBundle = (): TrainingBundle => ({ nlu: emptyNluData(), stories: [], rules: [], responseParts: [] });

export interface DataFileOptions extends NluReadOptions {
  /** a `test_*` file: stories keep full retrieval intents */
  test: boolean;
}

export function readDataFile(src: YamlSource, bundle: TrainingBundle, opts: DataFileOptions): void {
  const root = src.root;
  if (src.isNull(root) || !supportedVersion(src, root)) return;
  for (const { key, value, line } of src.entries(root, 'a training data file')) {
    switch (key) {
      case 'nlu': mergeNlu(src, bundle.nlu, readNlu(src, value, opts)); break;
      case 'stories': bundle.stories.push(...readStories(src, value, { test: opts.test })); break;
      case 'rules': bundle.rules.push(...readRules(src, value)); break;
      case 'responses': {
        const responses = readResponses(src, value);
        bundle.responseParts.push({ ...emptyDomainPart(src.file), fromData: true, responses });
        for (const { value: r } of responses) bundle.nlu.responses[r.name] ??= r.variations;
        break;
      }
      case 'version': break;
      default: {
        const why = DOMAIN_KEYS.includes(key) ? 'domain keys belong in the domain' : 'not a training data key';
        src.warn(value, 'unknown_key', `top-level key '${key}' ignored (${why})`, line);
      }
    }
  }
}

/** Files written for a newer format than ours are skipped, as Rasa does. */
export function supportedVersion(src: YamlSource, root: Node | null): boolean {
  if (!src.isMap(root)) return true;
  const entry = src.entries(root, 'a YAML file').find((e) => e.key === 'version');
  if (!entry || src.isNull(entry.value)) return true;
  const version = String(src.js(entry.value));
  if (compareVersions(version, LATEST_FORMAT_VERSION) <= 0) return true;
  src.warn(entry.value, 'unsupported_version', `format version "${version}" is newer than "${LATEST_FORMAT_VERSION}"; file skipped`, entry.line);
  return false;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (Number.isNaN(d)) return 0;
    if (d !== 0) return d;
  }
  return 0;
}

export function mergeNlu(src: YamlSource, into: NluTrainingData, from: NluTrainingData): void {
  into.examples.push(...from.examples);
  into.regexes.push(...from.regexes);
  into.lookups.push(...from.lookups);
  for (const [variant, value] of Object.entries(from.synonyms)) {
    const previous = into.synonyms[variant];
    if (previous !== undefined && previous !== value) {
      src.warn(null, 'conflicting_synonym', `'${variant}' is a synonym of both '${previous}' and '${value}'; '${value}' wins`);
    }
    into.synonyms[variant] = value;
  }
  Object.assign(into.responses, from.responses);
}
