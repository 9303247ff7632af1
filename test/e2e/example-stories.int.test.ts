// The bundled examples' own test stories, replayed as `parley test stories` does: every story
// must pass with the default pipeline, NLU included.
import { describe, expect, it } from 'vitest';
import { evaluateStories } from '../../src/dialogue/evaluation/index.js';
import { loadProject } from '../../src/project/index.js';
import { examplePath, trainedModel } from '../support/example-server.js';

describe.each(['order-zh', 'support-en'])('example %s', (name) => {
  it('passes all of its test stories', async () => {
    const project = await loadProject(examplePath(name));
    const model = await trainedModel(examplePath(name));
    expect(project.testStories.length).toBeGreaterThan(5);
    const ev = await evaluateStories(project.testStories, { domain: model.domain, policies: model.policies, parse: (t) => model.nlu.parse(t) });
    const failures = ev.stories.filter((s) => !s.passed).map((s) => `${s.name}: ${s.failures.map((f) => `${f.source?.line ?? '?'} expected ${f.kind} ${f.expected}, got ${f.predicted}`).join('; ')}`);
    expect(failures).toEqual([]);
    expect(ev.conversation.accuracy).toBe(1);
  });
});
