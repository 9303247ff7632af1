// Public API of the project loader: Rasa 3.x project files → core types, plus validation.
export { loadProject } from './load-project.js';
export type { Project, LoadProjectOptions } from './load-project.js';
export { readStoryFiles } from './read-story-files.js';
export { parseAnnotatedText } from './annotated-text.js';
export type { AnnotatedText } from './annotated-text.js';
export { validateProject } from './validate-project.js';
export type { ValidationReport } from './validate-project.js';
export type { ProjectIssue } from './issues.js';
export { formatIssue } from './issues.js';
export type { DomainSources, DomainKind } from './domain-sources.js';
export { DEFAULT_PIPELINE, DEFAULT_POLICIES, DEFAULT_LANGUAGE } from './default-config.js';
