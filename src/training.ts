// Training a project: NLU pipeline + policies → one model archive.
import { createHash, randomUUID } from 'node:crypto';
import type { NluExample } from './core/index.js';
import type { Project } from './project/index.js';
import { trainNlu } from './nlu/index.js';
import { trainPolicies } from './dialogue/policies/index.js';
import { MODEL_FORMAT_VERSION, type ModelArchive } from './model-archive.js';
import { PARLEY_VERSION } from './version.js';

export interface TrainOptions {
  seed?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
  onWarning?: (message: string) => void;
}

/** The fingerprint of everything a model is trained from: same project, same fingerprint. */
export function projectFingerprint(project: Project): string {
  const h = createHash('sha256');
  h.update(PARLEY_VERSION);
  h.update(JSON.stringify(project.config));
  h.update(JSON.stringify(project.domain));
  h.update(JSON.stringify(project.nlu));
  h.update(JSON.stringify(project.stories));
  h.update(JSON.stringify(project.rules));
  return h.digest('hex');
}

export async function trainProject(project: Project, opts: TrainOptions = {}): Promise<ModelArchive> {
  const seed = opts.seed ?? 42;
  const nlu = await trainNlu(project.config, project.nlu, project.domain, {
    seed,
    ...(opts.onProgress ? { onProgress: (c: string, d: number, t: number) => opts.onProgress?.(`nlu:${c}`, d, t) } : {}),
  });
  for (const w of nlu.warnings ?? []) opts.onWarning?.(w);
  const policies = await trainPolicies(project.config.policies, { stories: project.stories, rules: project.rules, domain: project.domain }, {
    ...(opts.onProgress ? { onProgress: (c: string, d: number, t: number) => opts.onProgress?.(`core:${c}`, d, t) } : {}),
  });
  for (const w of policies.warnings ?? []) opts.onWarning?.(w);
  return {
    format_version: MODEL_FORMAT_VERSION,
    parley_version: PARLEY_VERSION,
    trained_at: new Date().toISOString(),
    fingerprint: projectFingerprint(project),
    model_id: randomUUID().replaceAll('-', ''),
    language: project.config.language,
    domain: project.domain,
    config: project.config,
    nlu: nlu.persist(),
    policies: policies.persist(),
    nlu_examples: fewShotExamples(project.nlu.examples),
  };
}

const EXAMPLES_PER_INTENT = 20;

/** Up to 20 examples per intent, spread over each intent's list. */
function fewShotExamples(examples: readonly NluExample[]): NluExample[] {
  const byIntent = new Map<string, NluExample[]>();
  for (const ex of examples) {
    const list = byIntent.get(ex.intent);
    if (list) list.push(ex);
    else byIntent.set(ex.intent, [ex]);
  }
  const out: NluExample[] = [];
  for (const list of byIntent.values()) {
    const n = Math.min(EXAMPLES_PER_INTENT, list.length);
    for (let k = 0; k < n; k++) {
      const { source: _source, ...ex } = list[Math.floor((k * list.length) / n)] as NluExample;
      out.push(ex);
    }
  }
  return out;
}
