// Finding a project's files on disk: YAML files under directories, in a stable order.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { projectError } from './issues.js';
import { YamlSource } from './yaml-source.js';

export const isYamlFile = (path: string): boolean => ['.yml', '.yaml'].includes(extname(path).toLowerCase());
export const isTestFile = (path: string): boolean => basename(path).startsWith('test_');

export async function pathKind(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** Every YAML file at or under `path` (a file is returned as is), sorted; hidden entries skipped. */
export async function yamlFilesUnder(path: string): Promise<string[]> {
  const kind = await pathKind(path);
  if (kind === 'file') return [path];
  if (kind !== 'dir') return [];
  const out: string[] = [];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFilesUnder(full)));
    else if (entry.isFile() && isYamlFile(entry.name)) out.push(full);
  }
  return out;
}

export const resolveIn = (root: string, path: string): string => (isAbsolute(path) ? path : resolve(root, path));

/** How a file is named in messages: relative to the project root when inside it. */
export function displayName(root: string, path: string): string {
  const rel = relative(root, path);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  return shown.split(sep).join('/');
}

export async function loadYaml(root: string, path: string): Promise<YamlSource> {
  const file = displayName(root, path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw projectError(file, 1, `cannot read file (${(cause as Error).message})`, cause);
  }
  return YamlSource.parse(file, text.replace(/^\uFEFF/, ''));
}
