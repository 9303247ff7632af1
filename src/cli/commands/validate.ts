// `parley data validate`: every reference checked and every contradiction found, before training.
import { resolve } from 'node:path';
import { findContradictions } from '../../dialogue/policies/index.js';
import { formatIssue, loadProject, validateProject } from '../../project/index.js';

export async function validateCommand(flags: { project: string; failOnWarnings?: boolean }): Promise<void> {
  const started = performance.now();
  const project = await loadProject(resolve(flags.project));
  const report = validateProject(project);
  const contradictions = findContradictions({ stories: project.stories, rules: project.rules, domain: project.domain });
  const warnings = [...project.warnings, ...report.warnings];
  for (const w of warnings) console.log(`warning: ${formatIssue(w)}`);
  for (const e of report.errors) console.log(`error: ${formatIssue(e)}`);
  for (const c of contradictions) console.log(`error: ${c.message}`);
  const errors = report.errors.length + contradictions.length;
  const ms = (performance.now() - started).toFixed(0);
  console.log(`${errors} error(s), ${warnings.length} warning(s) in ${ms} ms`);
  if (errors > 0 || (flags.failOnWarnings && warnings.length > 0)) process.exitCode = 1;
}
