// Stories from explicit paths (files or directories), for `parley test stories [paths]`.
import type { Story } from '../core/index.js';
import { loadYaml, pathKind, resolveIn, yamlFilesUnder } from './project-files.js';
import { emptyBundle, readDataFile } from './read-data-file.js';
import { ParleyError } from '../errors.js';

/** Reads the `stories:` of every YAML file under `paths`, keeping full retrieval intents (test stories). */
export async function readStoryFiles(paths: string[]): Promise<Story[]> {
  const cwd = process.cwd();
  const bundle = emptyBundle();
  for (const path of paths) {
    const full = resolveIn(cwd, path);
    if (!(await pathKind(full))) throw new ParleyError('PROJECT_NOT_FOUND', `story path '${path}' not found`, { details: { file: path } });
    for (const file of await yamlFilesUnder(full)) readDataFile(await loadYaml(cwd, file), bundle, { test: true });
  }
  return bundle.stories;
}
