import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject, validateProject } from './index.js';
import type { ProjectIssue } from './index.js';

const dirs: string[] = [];
afterEach(async () => { await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))); });

async function projectFrom(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'parley-validate-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return loadProject(root);
}

const at = (list: ProjectIssue[], kind: string) => list.filter((i) => i.kind === kind).map((i) => `${i.file}:${i.line}: ${i.message}`);

const DOMAIN = `intents:
  - greet
  - inform
  - unused_intent
  - no_examples
entities:
  - cuisine
  - city:
      roles: [from]
  - never_used
slots:
  cuisine:
    type: text
    mappings:
    - type: from_entity
      entity: cuisin
      not_intent: chitchatt
  done:
    type: bool
    mappings:
    - type: custom
      action: action_fill_done
responses:
  utter_greet:
  - text: hi
    buttons:
    - title: x
      payload: '/infrom{"cuisine": "thai", "colour": "red"}'
  utter_never:
  - text: nobody says this
  utter_ask_cuisine:
  - text: which cuisine?
  utter_default:
  - text: sorry
actions:
  - action_lonely
  - validate_food_form
forms:
  food_form:
    required_slots: [cuisine, price]
`;

describe('validateProject', () => {
  it('reports undeclared names as errors with file and line', async () => {
    const project = await projectFrom({
      'domain.yml': DOMAIN,
      'data/nlu.yml': 'nlu:\n- intent: greet\n  examples: |\n    - hi\n    - hey [Berlin]{"entity": "city", "role": "to"}\n- intent: inform\n  examples: |\n    - [thai](cuisine)\n    - [red](colour)\n- intent: unused_intent\n  examples: |\n    - hi\n- intent: goodbye\n  examples: |\n    - bye\n',
      'data/stories.yml': 'stories:\n- story: s\n  steps:\n  - intent: greet\n  - action: utter_greet\n  - action: utter_missing\n  - action: action_unknown\n  - intent: inform\n  - action: food_form\n  - active_loop: food_form\n  - active_loop: other_form\n  - slot_was_set:\n    - cuisine: thai\n    - mood: ok\n',
    });
    const { errors, warnings } = validateProject(project);
    expect(at(errors, 'unknown_intent')).toEqual([
      "data/nlu.yml:15: NLU example: intent 'goodbye' is not declared in the domain",
      "domain.yml:12: slot 'cuisine' mapping: intent 'chitchatt' is not declared in the domain",
      "domain.yml:24: response 'utter_greet' button: intent 'infrom' is not declared in the domain",
    ]);
    expect(at(errors, 'unknown_entity')).toEqual([
      "data/nlu.yml:9: NLU example: entity 'colour' is not declared in the domain",
      "domain.yml:12: slot 'cuisine' mapping: entity 'cuisin' is not declared in the domain",
      "domain.yml:24: response 'utter_greet' button: entity 'colour' is not declared in the domain",
    ]);
    expect(at(errors, 'missing_response')).toEqual(["data/stories.yml:6: story 's': 'utter_missing' has no response in the domain"]);
    expect(at(errors, 'unknown_action')).toEqual([
      "data/stories.yml:7: story 's': action 'action_unknown' is not declared in the domain",
      "domain.yml:18: slot 'done' mapping: action 'action_fill_done' is not declared in the domain",
    ]);
    expect(at(errors, 'unknown_slot')).toEqual([
      "data/stories.yml:12: story 's': slot 'mood' is not declared in the domain",
      "domain.yml:39: form 'food_form': slot 'price' is not declared in the domain",
    ]);
    expect(at(errors, 'unknown_form')).toEqual(["data/stories.yml:11: story 's': active_loop 'other_form' is not a form (or loop action) of the domain"]);
    expect(at(warnings, 'unknown_role')).toEqual(["data/nlu.yml:5: NLU example: role 'to' is not declared for entity 'city'"]);

    expect(at(warnings, 'intent_without_examples')).toEqual(["domain.yml:5: intent 'no_examples' has no NLU examples"]);
    expect(at(warnings, 'unused_intent')).toEqual(["domain.yml:4: intent 'unused_intent' is not used in any story, rule or slot mapping"]);
    expect(at(warnings, 'unused_entity')).toEqual(["domain.yml:10: entity 'never_used' is not annotated in any NLU example nor used by a slot mapping"]);
    expect(at(warnings, 'unused_response')).toEqual(["domain.yml:29: response 'utter_never' is not used in any story or rule"]);
    expect(at(warnings, 'unused_action')).toEqual(["domain.yml:36: action 'action_lonely' is not used in any story or rule"]);
    expect(at(warnings, 'missing_form_question')).toEqual(["domain.yml:39: form 'food_form': no response utter_ask_price (or action_ask_price) to ask for slot 'price'"]);
    expect(at(warnings, 'duplicate_example')).toEqual(["data/nlu.yml:12: example 'hi' is listed for intent 'unused_intent' and for 'greet' (also at data/nlu.yml:4)"]);
  });

  it('accepts a consistent project: retrieval intents, rules, defaults', async () => {
    const project = await projectFrom({
      'domain.yml': 'intents: [greet, faq]\nresponses:\n  utter_greet:\n  - text: hi\n  utter_faq/hours:\n  - text: 9 to 5\n',
      'data/nlu.yml': 'nlu:\n- intent: greet\n  examples: |\n    - hi\n- intent: faq/hours\n  examples: |\n    - when are you open\n',
      'data/rules.yml': 'rules:\n- rule: r\n  steps:\n  - intent: greet\n  - action: utter_greet\n- rule: faq\n  steps:\n  - intent: faq\n  - action: utter_faq\n- rule: restart\n  steps:\n  - intent: restart\n  - action: action_restart\n',
      'tests/test_stories.yml': 'stories:\n- story: t\n  steps:\n  - intent: faq/hours\n  - action: utter_faq\n',
    });
    expect(validateProject(project)).toEqual({ errors: [], warnings: [] });
  });

  it('validates a project of 5000 examples in well under a second', async () => {
    const intents = Array.from({ length: 50 }, (_, i) => `intent_${i}`);
    const nlu = intents.map((name, i) =>
      `- intent: ${name}\n  examples: |\n${Array.from({ length: 100 }, (_, j) => `    - example ${i} number ${j} for [value${j}](thing)\n`).join('')}`).join('');
    const stories = intents.map((name) => `- story: ${name}\n  steps:\n  - intent: ${name}\n  - action: utter_${name}\n`).join('');
    const responses = intents.map((name) => `  utter_${name}:\n  - text: ok\n`).join('');
    const project = await projectFrom({
      'domain.yml': `intents: [${intents.join(', ')}]\nentities: [thing]\nresponses:\n${responses}`,
      'data/nlu.yml': `nlu:\n${nlu}`,
      'data/stories.yml': `stories:\n${stories}`,
    });
    expect(project.nlu.examples).toHaveLength(5000);
    const started = performance.now();
    const report = validateProject(project);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(report.errors).toEqual([]);
  });
});
