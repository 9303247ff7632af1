import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.js';
import { loadProject, readStoryFiles } from './index.js';
import { DEFAULT_PIPELINE, DEFAULT_POLICIES } from './default-config.js';

const dirs: string[] = [];
afterEach(async () => { await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))); });

async function writeProject(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'parley-project-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string; details?: unknown }> {
  try { await p; } catch (e) { return e as Error; }
  throw new Error('expected a rejection');
}

const DOMAIN = `version: "3.1"
intents: [greet, chitchat, inform]
entities: [cuisine]
slots:
  cuisine:
    type: list
    mappings: [{type: from_entity, entity: cuisine}]
responses:
  utter_greet:
  - text: hi
`;

describe('loadProject', () => {
  it('loads domain, data (mixed files, nested dirs), tests, config, credentials and endpoints', async () => {
    const root = await writeProject({
      'domain.yml': DOMAIN,
      'config.yml': 'language: zh\npipeline:\n  - name: JiebaTokenizer\npolicies:\n  - name: RulePolicy\n',
      'data/nlu.yml': 'nlu:\n- intent: greet\n  examples: |\n    - hi\n- intent: chitchat/ask_name\n  examples: |\n    - who are you\nresponses:\n  utter_chitchat/ask_name:\n  - text: I am Parley\n',
      'data/core/flows.yaml': 'stories:\n- story: s\n  steps:\n  - intent: greet\n  - action: utter_greet\n  - slot_was_set:\n    - cuisine\nrules:\n- rule: r\n  steps:\n  - intent: chitchat/ask_name\n  - action: utter_chitchat\n',
      'data/notes.txt': 'ignored',
      'tests/test_stories.yml': 'stories:\n- story: t\n  steps:\n  - user: hi\n    intent: chitchat/ask_name\n  - action: utter_chitchat\n',
      'tests/test_nlu.yml': 'nlu:\n- intent: greet\n  examples: |\n    - hello\n',
      'tests/helpers.yml': 'stories: [oops',
      'credentials.yml': 'rest:\nsocketio:\n  user_message_evt: user_uttered\n',
      'endpoints.yml': 'action_endpoint:\n  url: "http://${ACTION_HOST}:5055/webhook"\n',
    });
    const project = await loadProject(root, { env: { ACTION_HOST: 'actions' } });
    expect(project.root).toBe(root);
    expect(project.nlu.examples.map((e) => e.intent)).toEqual(['greet', 'chitchat/ask_name']);
    expect(project.nlu.examples[0]?.source).toEqual({ file: 'data/nlu.yml', line: 4 });
    expect(project.domain.responses['utter_chitchat/ask_name']).toEqual([{ text: 'I am Parley' }]);
    expect(project.nlu.responses['utter_chitchat/ask_name']).toBeDefined();
    expect(project.domain.intents.find((i) => i.name === 'chitchat')?.isRetrieval).toBe(true);
    expect(project.domain.intents.find((i) => i.name === 'greet')?.isRetrieval).toBeUndefined();
    expect(project.stories[0]?.steps[2]).toMatchObject({ kind: 'slot_was_set', slots: [{ name: 'cuisine', value: ['filled'], anyValue: true }] });
    expect(project.rules[0]?.steps[0]).toMatchObject({ kind: 'user', intent: 'chitchat' });
    expect(project.testStories[0]?.steps[0]).toMatchObject({ kind: 'user', intent: 'chitchat/ask_name', text: 'hi' });
    expect(project.testNlu.examples.map((e) => e.text)).toEqual(['hello']);
    expect(project.config).toEqual({ language: 'zh', pipeline: [{ name: 'JiebaTokenizer' }], policies: [{ name: 'RulePolicy' }] });
    expect(project.credentials).toEqual({ rest: null, socketio: { user_message_evt: 'user_uttered' } });
    expect(project.endpoints).toEqual({ action_endpoint: { url: 'http://actions:5055/webhook' } });
  });

  it('merges a domain/ directory and rejects duplicate keys across its files naming both', async () => {
    const ok = await writeProject({
      'domain/intents.yml': 'intents: [greet]\n',
      'domain/responses.yml': 'responses:\n  utter_greet:\n  - text: hi\n',
      'config.yml': 'language: en\n',
    });
    const project = await loadProject(ok);
    expect(project.domain.intents.map((i) => i.name)).toEqual(['greet']);
    expect(project.sources?.responses['utter_greet']).toEqual({ file: 'domain/responses.yml', line: 2 });
    expect(project.config.pipeline).toEqual(DEFAULT_PIPELINE);
    expect(project.config.policies).toEqual(DEFAULT_POLICIES);
    expect(project.config.language).toBe('en');
    expect(project.warnings.filter((w) => w.kind === 'default_config')).toHaveLength(2);

    const bad = await writeProject({
      'domain/a.yml': 'responses:\n  utter_greet:\n  - text: hi\n',
      'domain/b.yml': 'intents: [x]\nresponses:\n  utter_greet:\n  - text: hello\n',
    });
    const e = await rejection(loadProject(bad));
    expect(e.message).toBe("domain/b.yml:3: response 'utter_greet' is declared twice (also at domain/a.yml:2)");
  });

  it('skips files with a newer format version with a warning', async () => {
    const root = await writeProject({
      'domain.yml': 'intents: [greet]\n',
      'data/new.yml': 'version: "3.2"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n',
      'data/old.yml': 'version: "2.0"\nnlu:\n- intent: greet\n  examples: |\n    - hello\n',
    });
    const project = await loadProject(root);
    expect(project.nlu.examples.map((e) => e.text)).toEqual(['hello']);
    expect(project.warnings).toContainEqual(expect.objectContaining({ file: 'data/new.yml', line: 1, kind: 'unsupported_version' }));
  });

  it('keeps the domain response when a data file repeats it (warning), and ignores rules in test files', async () => {
    const root = await writeProject({
      'domain.yml': 'intents: [greet]\nresponses:\n  utter_greet:\n  - text: from domain\n',
      'data/responses.yml': 'responses:\n  utter_greet:\n  - text: from data\n',
      'data/test_rules.yml': 'rules:\n- rule: r\n  steps:\n  - intent: greet\n',
    });
    const project = await loadProject(root);
    expect(project.domain.responses['utter_greet']).toEqual([{ text: 'from domain' }]);
    expect(project.rules).toEqual([]);
    expect(project.warnings.map((w) => [w.file, w.line, w.kind])).toEqual(expect.arrayContaining([
      ['data/responses.yml', 2, 'duplicate_declaration'],
      ['data/test_rules.yml', 2, 'rule_in_test_file'],
    ]));
  });

  it('honours explicit paths', async () => {
    const root = await writeProject({
      'bot/domain.yml': 'intents: [greet]\n',
      'training/nlu.yml': 'nlu:\n- intent: greet\n  examples: |\n    - hi\n',
      'cfg/my-config.yml': 'language: de\n',
      'checks/test_a.yml': 'stories:\n- story: t\n  steps:\n  - intent: greet\n',
    });
    const project = await loadProject(root, { domainPath: 'bot/domain.yml', dataPaths: ['training'], configPath: 'cfg/my-config.yml', testPaths: ['checks'] });
    expect(project.domain.intents).toHaveLength(1);
    expect(project.nlu.examples).toHaveLength(1);
    expect(project.config.language).toBe('de');
    expect(project.testStories).toHaveLength(1);
  });

  it('reads chinese_script, and names the file and line of a value it does not know', async () => {
    const files = (script: string) => ({ 'domain.yml': 'intents: [greet]\n', 'config.yml': `language: zh\nchinese_script: ${script}\n` });
    expect((await loadProject(await writeProject(files('as_written')))).config.chineseScript).toBe('as_written');
    expect((await loadProject(await writeProject({ 'domain.yml': 'intents: [greet]\n', 'config.yml': 'language: zh\n' }))).config.chineseScript).toBeUndefined();
    const e = await rejection(loadProject(await writeProject(files('traditional'))));
    expect(isParleyError(e, 'PROJECT_INVALID')).toBe(true);
    expect(e.message).toMatch(/^config.yml:2: chinese_script must be one of simplified, as_written, not 'traditional'/);
  });

  it('reports bad YAML and file errors with the file and line', async () => {
    const root = await writeProject({ 'domain.yml': 'intents: [greet]\n', 'data/stories.yml': 'stories:\n- story: a\n  steps:\n  - intent: greet\n   action: x\n' });
    const e = await rejection(loadProject(root));
    expect(isParleyError(e, 'PROJECT_INVALID')).toBe(true);
    expect(e.message).toMatch(/^data\/stories.yml:5: invalid YAML/);
    expect(e.details).toEqual({ file: 'data/stories.yml', line: 5 });
  });

  it('fails on a missing environment variable in endpoints.yml', async () => {
    const root = await writeProject({ 'domain.yml': 'intents: [a]\n', 'endpoints.yml': 'tracker_store:\n  password: ${DB_PASS}\n' });
    const e = await rejection(loadProject(root, { env: {} }));
    expect(e.message).toBe("endpoints.yml:2: cannot expand '${DB_PASS}': set the environment variable DB_PASS");
  });

  it('throws PROJECT_NOT_FOUND for a missing directory', async () => {
    const e = await rejection(loadProject(join(tmpdir(), 'parley-does-not-exist-42')));
    expect(isParleyError(e, 'PROJECT_NOT_FOUND')).toBe(true);
  });
});

describe('readStoryFiles', () => {
  it('reads stories from files and directories, keeping full retrieval intents', async () => {
    const root = await writeProject({
      'a.yml': 'stories:\n- story: one\n  steps:\n  - intent: faq/hours\n',
      'more/b.yml': 'stories:\n- story: two\n  steps:\n  - action: utter_x\n',
    });
    const stories = await readStoryFiles([join(root, 'a.yml'), join(root, 'more')]);
    expect(stories.map((s) => s.name)).toEqual(['one', 'two']);
    expect(stories[0]?.steps[0]).toMatchObject({ intent: 'faq/hours' });
    const e = await rejection(readStoryFiles([join(root, 'nope.yml')]));
    expect(isParleyError(e, 'PROJECT_NOT_FOUND')).toBe(true);
  });
});
