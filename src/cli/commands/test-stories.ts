// `parley test stories [paths]`: replays test stories the way `rasa test` does (prediction only).
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { evaluateStories, type StoryEvaluation } from '../../dialogue/evaluation/index.js';
import { loadModel, modelFromArchive, type LoadedModel } from '../../loaded-model.js';
import { loadProject, readStoryFiles } from '../../project/index.js';
import { trainProject } from '../../training.js';
import { isParleyError } from '../../errors.js';

export interface TestStoriesFlags { project: string; model?: string; out?: string; quiet?: boolean }

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

async function modelFor(root: string, flags: TestStoriesFlags, say: (m: string) => void): Promise<LoadedModel> {
  try {
    return await loadModel(resolve(root, flags.model ?? 'models'));
  } catch (err) {
    if (flags.model || !isParleyError(err, 'MODEL_NOT_FOUND')) throw err;
    say('No trained model found: training one in memory for this run.');
    return modelFromArchive(await trainProject(await loadProject(root)), '(in memory)');
  }
}

export function printEvaluation(ev: StoryEvaluation, say: (m: string) => void): void {
  for (const s of ev.stories) {
    say(`${s.passed ? 'PASS' : 'FAIL'}  ${s.name}  (${s.source.file}:${s.source.line})`);
    for (const f of s.failures) {
      const where = f.source ? `${f.source.file}:${f.source.line}` : `step ${f.stepIndex}`;
      say(`      ${where}: expected ${f.kind} '${f.expected}', predicted '${f.predicted}'${f.policy ? ` (${f.policy})` : ''}`);
    }
  }
  for (const w of ev.warnings) say(`warning: ${w}`);
  const c = ev.conversation;
  say(`Conversation accuracy: ${pct(c.accuracy)} (${c.correct}/${c.total} stories)`);
  say(`Action accuracy: ${pct(ev.actions.accuracy)} (${ev.actions.correct}/${ev.actions.total}); intents: ${pct(ev.intents.accuracy)} (${ev.intents.correct}/${ev.intents.total})`);
}

export async function testStoriesCommand(paths: string[], flags: TestStoriesFlags): Promise<StoryEvaluation> {
  const root = resolve(flags.project);
  const say = (m: string) => { if (!flags.quiet) console.log(m); };
  const model = await modelFor(root, flags, say);
  const stories = paths.length > 0 ? await readStoryFiles(paths.map((p) => resolve(p))) : (await loadProject(root)).testStories;
  const ev = await evaluateStories(stories, { domain: model.domain, policies: model.policies, parse: (t) => model.nlu.parse(t) });
  printEvaluation(ev, say);
  const outDir = resolve(root, flags.out ?? 'results');
  await mkdir(outDir, { recursive: true });
  const failed = ev.stories.filter((s) => !s.passed).length;
  const failedPath = resolve(outDir, 'failed_test_stories.yml');
  await writeFile(failedPath, failed > 0 ? ev.failedStoriesYaml() : '# None of the test stories failed - all good!\n');
  await writeFile(resolve(outDir, 'story_report.json'), JSON.stringify({ conversation_accuracy: ev.conversation, action_accuracy: ev.actions, intent_accuracy: ev.intents,
    stories: ev.stories }, null, 2));
  say(`Failed stories written to ${failedPath}`);
  if (failed > 0) process.exitCode = 1;
  return ev;
}
