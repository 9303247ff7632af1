// Loads a Rasa 3.x project directory into core types (rasa-compat §5), collecting warnings.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Domain, ModelConfig, NluTrainingData, Rule, Story } from '../core/index.js';
import { emptyNluData } from '../core/index.js';
import { ParleyError } from '../errors.js';
import type { DomainSources } from './domain-sources.js';
import { issue } from './issues.js';
import type { ProjectIssue } from './issues.js';
import { mergeDomainParts } from './merge-domain.js';
import { displayName, isTestFile, loadYaml, pathKind, resolveIn, yamlFilesUnder } from './project-files.js';
import { defaultModelConfig, readModelConfig } from './read-config.js';
import { emptyBundle, readDataFile, supportedVersion } from './read-data-file.js';
import type { TrainingBundle } from './read-data-file.js';
import { readDomainPart } from './read-domain.js';
import type { DomainPart } from './read-domain.js';
import { readEnvFile } from './read-env-file.js';
import { finishProject } from './finish-project.js';

export interface Project {
  root: string;
  domain: Domain;
  nlu: NluTrainingData;
  stories: Story[];
  rules: Rule[];
  testStories: Story[];
  testNlu: NluTrainingData;
  config: ModelConfig;
  warnings: ProjectIssue[];
  credentials: Record<string, unknown> | null;
  endpoints: Record<string, unknown> | null;
  /** where each domain declaration was written (for validation messages) */
  sources?: DomainSources;
}

export interface LoadProjectOptions {
  domainPath?: string;
  dataPaths?: string[];
  configPath?: string;
  testPaths?: string[];
  /** variables for ${VAR} in credentials.yml / endpoints.yml; defaults to process.env */
  env?: Record<string, string | undefined>;
}

export async function loadProject(dir: string, opts: LoadProjectOptions = {}): Promise<Project> {
  const root = resolveIn(process.cwd(), dir);
  if ((await pathKind(root)) !== 'dir') throw new ParleyError('PROJECT_NOT_FOUND', `project directory '${dir}' not found`, { details: { file: dir } });
  const warnings: ProjectIssue[] = [];
  const domainFiles = await findDomainFiles(root, opts.domainPath, warnings);
  const domainParts = await readDomainParts(root, domainFiles, warnings);
  const skip = new Set(domainFiles);
  const training = await readBundle(root, opts.dataPaths ?? ['data'], { skip, tests: false }, warnings);
  const tests = await readBundle(root, opts.testPaths ?? ['tests'], { skip, tests: true }, warnings);
  const merged = mergeDomainParts([...domainParts, ...training.main.responseParts], warnings);
  const project: Project = {
    root,
    domain: merged.domain,
    nlu: training.main.nlu,
    stories: training.main.stories,
    rules: training.main.rules,
    testStories: [...training.test.stories, ...tests.test.stories],
    testNlu: concatNlu(training.test.nlu, tests.test.nlu),
    config: await readConfig(root, opts.configPath, warnings),
    warnings,
    credentials: await readOptionalEnvFile(root, 'credentials.yml', opts, warnings),
    endpoints: await readOptionalEnvFile(root, 'endpoints.yml', opts, warnings),
    sources: merged.sources,
  };
  for (const rule of [...training.test.rules, ...tests.test.rules]) {
    warnings.push(issue(rule.source.file, rule.source.line, 'rule_in_test_file', `rule '${rule.name}' in a test file is ignored (test files hold stories)`));
  }
  finishProject(project);
  return project;
}

async function findDomainFiles(root: string, domainPath: string | undefined, warnings: ProjectIssue[]): Promise<string[]> {
  const candidates = domainPath ? [resolveIn(root, domainPath)] : ['domain.yml', 'domain.yaml', 'domain'].map((p) => resolveIn(root, p));
  for (const path of candidates) {
    if (await pathKind(path)) return yamlFilesUnder(path);
  }
  warnings.push(issue(displayName(root, candidates[0] ?? root), 1, 'missing_domain', 'no domain found (domain.yml or a domain/ directory); using an empty domain'));
  return [];
}

async function readDomainParts(root: string, files: string[], warnings: ProjectIssue[]): Promise<DomainPart[]> {
  const parts: DomainPart[] = [];
  for (const file of files) {
    const src = await loadYaml(root, file);
    if (supportedVersion(src, src.root)) parts.push(readDomainPart(src, src.root));
    warnings.push(...src.warnings);
  }
  return parts;
}

interface Bundles { main: TrainingBundle; test: TrainingBundle }

async function readBundle(root: string, paths: string[], opts: { skip: Set<string>; tests: boolean }, warnings: ProjectIssue[]): Promise<Bundles> {
  const bundles: Bundles = { main: emptyBundle(), test: emptyBundle() };
  for (const path of paths) {
    for (const file of await yamlFilesUnder(resolveIn(root, path))) {
      const test = isTestFile(file);
      if (opts.skip.has(file) || (opts.tests && !test)) continue;
      opts.skip.add(file); // a file under both a data and a test path is read once
      const src = await loadYaml(root, file);
      readDataFile(src, test ? bundles.test : bundles.main, { test, readLookupFile: lookupReader(root, file) });
      warnings.push(...src.warnings);
    }
  }
  return bundles;
}

/** Rasa 2 let a lookup table name a text file, one element per line. */
function lookupReader(root: string, file: string): (path: string) => string[] | undefined {
  return (path) => {
    for (const base of [root, dirname(file)]) {
      try {
        return readFileSync(resolveIn(base, path), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
      } catch { /* try the next base */ }
    }
    return undefined;
  };
}

async function readConfig(root: string, configPath: string | undefined, warnings: ProjectIssue[]): Promise<ModelConfig> {
  const path = resolveIn(root, configPath ?? 'config.yml');
  if ((await pathKind(path)) !== 'file') {
    warnings.push(issue(displayName(root, path), 1, 'missing_config', "no config file; using Rasa's default config"));
    return defaultModelConfig();
  }
  const src = await loadYaml(root, path);
  const config = readModelConfig(src, src.root);
  warnings.push(...src.warnings);
  return config;
}

async function readOptionalEnvFile(root: string, name: string, opts: LoadProjectOptions, warnings: ProjectIssue[]): Promise<Record<string, unknown> | null> {
  const path = resolveIn(root, name);
  if ((await pathKind(path)) !== 'file') return null;
  const src = await loadYaml(root, path);
  const value = readEnvFile(src, { env: opts.env ?? process.env });
  warnings.push(...src.warnings);
  return value;
}

function concatNlu(a: NluTrainingData, b: NluTrainingData): NluTrainingData {
  const out = emptyNluData();
  for (const d of [a, b]) {
    out.examples.push(...d.examples);
    out.regexes.push(...d.regexes);
    out.lookups.push(...d.lookups);
    Object.assign(out.synonyms, d.synonyms);
    Object.assign(out.responses, d.responses);
  }
  return out;
}
