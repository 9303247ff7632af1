// `responses:` (domain or NLU files): variations with text, buttons, conditions, channels...
import type { Node } from 'yaml';
import type { Button, ResponseCondition, ResponseVariation } from '../core/index.js';
import type { Located } from './read-intents.js';
import type { YamlSource } from './yaml-source.js';

export interface NamedResponse { name: string; variations: ResponseVariation[] }

export function readResponses(src: YamlSource, node: Node | null): Located<NamedResponse>[] {
  if (src.isNull(node)) return [];
  return src.entries(node, 'responses').map(({ key, value, line }) => {
    const variations = src.items(value, `response '${key}'`, line).map((v) => readVariation(src, key, v));
    if (variations.length === 0) src.warn(value, 'empty_response', `response '${key}' has no variations`, line);
    return { value: { name: key, variations }, line };
  });
}

function readVariation(src: YamlSource, name: string, node: Node): ResponseVariation {
  const what = `response '${name}'`;
  const variation: ResponseVariation = {};
  for (const { key, value, line } of src.entries(node, `${what}: each variation`)) {
    switch (key) {
      case 'text': variation.text = src.isNull(value) ? '' : String(src.js(value)); break;
      case 'buttons':
      case 'quick_replies': variation[key] = readButtons(src, `${what} ${key}`, value, line); break;
      case 'condition': variation.condition = readConditions(src, what, value, line); break;
      case 'image':
      case 'channel':
      case 'id': variation[key] = src.str(value, `${what} ${key}`, line); break;
      case 'metadata':
      case 'attachment': variation[key] = requireMap(src, `${what} ${key}`, value, line); break;
      case 'elements': variation.elements = src.items(value, `${what} elements`, line).map((n) => src.js(n)); break;
      default: variation[key] = src.js(value); // custom, button_type and anything else are passed through
    }
  }
  return variation;
}

function requireMap(src: YamlSource, what: string, node: Node | null, line: number): Record<string, unknown> {
  if (!src.isMap(node)) src.fail(node, `${what} must be a mapping`, line);
  return src.js(node) as Record<string, unknown>;
}

function readButtons(src: YamlSource, what: string, node: Node | null, line: number): Button[] {
  return src.items(node, what, line).map((item) => {
    const button = requireMap(src, `${what} item`, item, line);
    if (typeof button['title'] !== 'string') src.fail(item, `${what}: each button needs a 'title'`);
    if (button['payload'] === undefined && button['url'] === undefined) src.fail(item, `${what}: each button needs a 'payload'`);
    if (button['payload'] !== undefined) button['payload'] = String(button['payload']);
    return button as Button;
  });
}

function readConditions(src: YamlSource, what: string, node: Node | null, line: number): ResponseCondition[] {
  return src.items(node, `${what} condition`, line).map((item) => {
    const c = requireMap(src, `${what} condition`, item, line);
    if (c['type'] !== 'slot') src.fail(item, `${what}: condition type must be 'slot' (got '${String(c['type'])}')`);
    if (typeof c['name'] !== 'string') src.fail(item, `${what}: condition needs a slot 'name'`);
    return { type: 'slot', name: c['name'] as string, value: c['value'] ?? null };
  });
}
