// `nlu:` items (rasa-compat §5.2): intents with examples, synonyms, regexes, lookup tables.
import { isScalar, Scalar } from 'yaml';
import type { Node } from 'yaml';
import type { NluExample, NluTrainingData } from '../core/index.js';
import { emptyNluData } from '../core/index.js';
import { parseAnnotatedText } from './annotated-text.js';
import { projectError } from './issues.js';
import type { Entry, YamlSource } from './yaml-source.js';

export interface NluReadOptions {
  /** reads a lookup table given as a file path (Rasa 2 style); undefined when there is no such file */
  readLookupFile?: (path: string) => string[] | undefined;
}

interface RawExample { text: string; line: number; metadata?: unknown }

const SECTION_KEYS = ['intent', 'synonym', 'regex', 'lookup'] as const;

export function readNlu(src: YamlSource, node: Node | null, opts: NluReadOptions = {}): NluTrainingData {
  const data = emptyNluData();
  for (const item of src.items(node, 'nlu')) {
    const byKey = new Map(src.entries(item, 'an nlu item').map((e) => [e.key, e]));
    const section = SECTION_KEYS.find((k) => byKey.has(k));
    if (!section) src.fail(item, `an nlu item needs one of ${SECTION_KEYS.join(', ')} (got ${[...byKey.keys()].join(', ')})`);
    for (const [key, e] of byKey) {
      const allowed = key === section || key === 'examples' || (section === 'intent' && key === 'metadata');
      if (!allowed) src.fail(e.value, `nlu ${section} item: unexpected key '${key}'`, e.line);
    }
    const head = byKey.get(section) as Entry;
    const name = src.str(head.value, `nlu ${section} name`, head.line);
    const examples = byKey.get('examples');
    if (!examples) src.fail(item, `nlu ${section} '${name}' has no 'examples'`);
    if (section === 'intent') addIntentExamples(src, data, name, examples, byKey.get('metadata'));
    else addListSection(src, data, section, name, examples, opts);
  }
  return data;
}

function addIntentExamples(src: YamlSource, data: NluTrainingData, intent: string, examples: Entry, metadata: Entry | undefined): void {
  const intentMeta = metadata ? src.js(metadata.value) : undefined;
  for (const raw of readExamples(src, examples)) {
    const parsed = annotated(src, raw);
    const example: NluExample = { text: parsed.text, intent, entities: parsed.entities, source: { file: src.file, line: raw.line } };
    if (intentMeta !== undefined || raw.metadata !== undefined) {
      example.metadata = {};
      if (intentMeta !== undefined) example.metadata['intent'] = intentMeta;
      if (raw.metadata !== undefined) example.metadata['example'] = raw.metadata;
    }
    for (const e of parsed.entities) {
      const surface = parsed.text.slice(e.start, e.end);
      if (e.value !== surface) addSynonym(src, data, surface, e.value, raw.line);
    }
    data.examples.push(example);
  }
}

function annotated(src: YamlSource, raw: RawExample): ReturnType<typeof parseAnnotatedText> {
  try {
    return parseAnnotatedText(raw.text);
  } catch (cause) {
    throw projectError(src.file, raw.line, (cause as Error).message, cause);
  }
}

function addListSection(src: YamlSource, data: NluTrainingData, section: 'synonym' | 'regex' | 'lookup', name: string, examples: Entry, opts: NluReadOptions): void {
  const source = { file: src.file, line: examples.line };
  if (section === 'lookup' && isFilePath(examples.value)) {
    const path = String((examples.value as Scalar).value).trim();
    const elements = opts.readLookupFile?.(path);
    if (!elements) src.fail(examples.value, `lookup '${name}': file '${path}' not found`, examples.line);
    data.lookups.push({ name, elements, source });
    return;
  }
  const values = readExamples(src, examples);
  if (section === 'synonym') for (const v of values) addSynonym(src, data, v.text, name, v.line);
  if (section === 'lookup') data.lookups.push({ name, elements: values.map((v) => v.text), source });
  if (section === 'regex') {
    for (const v of values) {
      if (!isValidRegex(v.text)) src.warn(null, 'invalid_regex', `regex '${name}': pattern '${v.text}' is not a valid JavaScript regular expression`, v.line);
      data.regexes.push({ name, pattern: v.text, source: { file: src.file, line: v.line } });
    }
  }
}

function addSynonym(src: YamlSource, data: NluTrainingData, variant: string, value: string, line: number): void {
  const key = variant.toLowerCase();
  const previous = data.synonyms[key];
  if (previous !== undefined && previous !== value) {
    src.warn(null, 'conflicting_synonym', `'${variant}' is a synonym of both '${previous}' and '${value}'; '${value}' wins`, line);
  }
  data.synonyms[key] = value;
}

/** `examples:` as a `- ` block string, or as the extended list of `{text, metadata}` items. */
function readExamples(src: YamlSource, examples: Entry): RawExample[] {
  const node = examples.value;
  if (src.isSeq(node)) return src.items(node, 'examples', examples.line).map((item) => extendedExample(src, item));
  if (!isScalar(node) || typeof node.value !== 'string') return src.fail(node, "'examples' must be a block of '- ' lines or a list", examples.line);
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  const first = src.line(node, examples.line) + (block ? 1 : 0);
  const out: RawExample[] = [];
  node.value.split(/\r?\n/).forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    if (!lineText.startsWith('-')) {
      src.warn(null, 'example_without_dash', `training example '${lineText.trim()}' does not start with '- '; skipped`, first + i);
      return;
    }
    out.push({ text: lineText.slice(1).trim(), line: first + i });
  });
  return out;
}

function extendedExample(src: YamlSource, item: Node): RawExample {
  const line = src.line(item);
  if (src.isScalar(item)) return { text: src.str(item, 'example', line).trim(), line };
  const byKey = new Map(src.entries(item, 'an example').map((e) => [e.key, e]));
  const text = byKey.get('text');
  if (!text) return src.fail(item, "an example in the list form needs 'text'");
  for (const key of byKey.keys()) if (key !== 'text' && key !== 'metadata') src.fail(item, `an example has unexpected key '${key}'`);
  const metadata = byKey.get('metadata');
  const raw: RawExample = { text: src.str(text.value, 'example text', text.line).trim(), line };
  if (metadata) raw.metadata = src.js(metadata.value);
  return raw;
}

function isFilePath(node: Node | null): boolean {
  if (!isScalar(node) || typeof node.value !== 'string') return false;
  const text = node.value.trim();
  return text !== '' && !text.includes('\n') && !text.startsWith('-');
}

function isValidRegex(pattern: string): boolean {
  try { new RegExp(pattern, 'u'); return true; } catch { try { new RegExp(pattern); return true; } catch { return false; } }
}
