// `stories:` and `rules:` (rasa-compat §5.3-5.5).
import type { Node } from 'yaml';
import type { ActiveLoopStep, Rule, SlotWasSetStep, Story } from '../core/index.js';
import { readStep, readSteps } from './read-steps.js';
import type { StepOptions } from './read-steps.js';
import type { Entry, YamlSource } from './yaml-source.js';

const STORY_KEYS = new Set(['story', 'steps', 'metadata']);
const RULE_KEYS = new Set(['rule', 'steps', 'metadata', 'condition', 'conversation_start', 'wait_for_user_input']);

export function readStories(src: YamlSource, node: Node | null, opts: StepOptions): Story[] {
  return src.items(node, 'stories').map((item) => {
    const byKey = keyed(src, item, STORY_KEYS, 'a story');
    const name = required(src, item, byKey, 'story');
    const steps = required(src, item, byKey, 'steps');
    const story: Story = {
      name: src.str(name.value, 'story name', name.line),
      steps: readSteps(src, steps.value, steps.line, opts),
      source: { file: src.file, line: src.line(item) },
    };
    const metadata = byKey.get('metadata');
    if (metadata) story.metadata = src.js(metadata.value) as Record<string, unknown>;
    return story;
  });
}

export function readRules(src: YamlSource, node: Node | null): Rule[] {
  return src.items(node, 'rules').map((item) => {
    const byKey = keyed(src, item, RULE_KEYS, 'a rule');
    const name = required(src, item, byKey, 'rule');
    const steps = required(src, item, byKey, 'steps');
    const flag = (key: string, fallback: boolean): boolean => {
      const e = byKey.get(key);
      return e ? src.bool(e.value, key, e.line) : fallback;
    };
    const rule: Rule = {
      name: src.str(name.value, 'rule name', name.line),
      steps: readSteps(src, steps.value, steps.line, { test: false }),
      condition: readCondition(src, byKey.get('condition')),
      conversationStart: flag('conversation_start', false),
      waitForUserInput: flag('wait_for_user_input', true),
      source: { file: src.file, line: src.line(item) },
    };
    const metadata = byKey.get('metadata');
    if (metadata) rule.metadata = src.js(metadata.value) as Record<string, unknown>;
    return rule;
  });
}

function readCondition(src: YamlSource, entry: Entry | undefined): (ActiveLoopStep | SlotWasSetStep)[] {
  if (!entry) return [];
  return src.items(entry.value, 'condition', entry.line).map((n) => {
    const keys = src.entries(n, 'a condition step').map((e) => e);
    const bad = keys.find((e) => e.key !== 'active_loop' && e.key !== 'slot_was_set');
    if (bad) src.fail(bad.value, `a rule condition may only contain active_loop and slot_was_set steps (got '${bad.key}')`, bad.line);
    return readStep(src, n, { test: false }) as ActiveLoopStep | SlotWasSetStep;
  });
}

function keyed(src: YamlSource, node: Node, allowed: Set<string>, what: string): Map<string, Entry> {
  const entries = src.entries(node, what);
  for (const e of entries) {
    if (!allowed.has(e.key)) src.fail(e.value, `${what} has unknown key '${e.key}' (expected ${[...allowed].join(', ')})`, e.line);
  }
  return new Map(entries.map((e) => [e.key, e]));
}

function required(src: YamlSource, node: Node, byKey: Map<string, Entry>, key: string): Entry {
  const e = byKey.get(key);
  if (!e) src.fail(node, `missing '${key}'`);
  return e as Entry;
}
