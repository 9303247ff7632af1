// The shipped example projects (examples/*/) must load and validate without errors.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, validateProject } from './index.js';
import { formatIssue } from './issues.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const projects = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES).filter((d) => statSync(join(EXAMPLES, d)).isDirectory())
  : [];

describe.skipIf(projects.length === 0)('example projects', () => {
  it.each(projects)('%s loads and validates without errors', async (name) => {
    const project = await loadProject(join(EXAMPLES, name), { env: { ...process.env } });
    const report = validateProject(project);
    expect(report.errors.map(formatIssue)).toEqual([]);
    expect(project.nlu.examples.length).toBeGreaterThan(0);
  });
});
