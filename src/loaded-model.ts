// A model archive loaded into memory: the NLU pipeline and the policies, ready to serve.
import { basename } from 'node:path';
import type { Domain } from './core/index.js';
import type { PolicyEnsemble } from './dialogue/policy.js';
import { loadPolicies, type PoliciesData } from './dialogue/policies/index.js';
import { loadNlu, type NluModel, type NluModelData } from './nlu/index.js';
import { readModelArchive, resolveModelPath, type ModelArchive } from './model-archive.js';

export interface LoadedModel {
  /** the archive's file name, as /status reports it */
  fileName: string;
  archive: ModelArchive;
  domain: Domain;
  nlu: NluModel;
  policies: PolicyEnsemble;
}

export function modelFromArchive(archive: ModelArchive, fileName: string): LoadedModel {
  return {
    fileName, archive, domain: archive.domain,
    nlu: loadNlu(archive.nlu as NluModelData, archive.domain),
    policies: loadPolicies(archive.policies as PoliciesData, archive.domain),
  };
}

/** Loads a model file, or the newest model in a directory. */
export async function loadModel(pathOrDir: string): Promise<LoadedModel> {
  const path = await resolveModelPath(pathOrDir);
  return modelFromArchive(await readModelArchive(path), basename(path));
}
