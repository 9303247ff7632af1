// `rasa test` for stories: replay every test story without executing any action.
import type { Story } from '../../core/index.js';
import type { ExpandOptions, WrittenStory } from '../stories/index.js';
import { expandStories, writeStoriesYaml } from '../stories/index.js';
import type { ReplayDeps } from './replay-story.js';
import { StoryReplay } from './replay-story.js';
import type { StoryEvaluation, StoryResult } from './story-evaluation.js';
import { accuracy } from './story-evaluation.js';

export async function evaluateStories(testStories: readonly Story[], deps: ReplayDeps, opts: ExpandOptions = {}): Promise<StoryEvaluation> {
  const { stories, warnings } = expandStories(testStories, opts);
  const results: StoryResult[] = [];
  const failedWritten: WrittenStory[] = [];
  let actionsCorrect = 0;
  let actionsTotal = 0;
  let userCorrect = 0;
  let userTotal = 0;
  for (const story of stories) {
    const replay = await new StoryReplay(story, deps).run();
    const passed = replay.failures.length === 0;
    results.push({ name: story.name, source: story.source, passed, failures: replay.failures });
    if (!passed) failedWritten.push({ name: story.name, steps: replay.written });
    actionsCorrect += replay.actionsCorrect;
    actionsTotal += replay.actionsTotal;
    userCorrect += replay.userCorrect;
    userTotal += replay.userTotal;
  }
  const passedCount = results.filter((r) => r.passed).length;
  return {
    stories: results,
    conversation: accuracy(passedCount, results.length),
    actions: accuracy(actionsCorrect, actionsTotal),
    intents: accuracy(userCorrect, userTotal),
    warnings,
    failedStoriesYaml: () => (failedWritten.length === 0 ? '# None of the test stories failed - all good!\n' : writeStoriesYaml(failedWritten)),
  };
}
