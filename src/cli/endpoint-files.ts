// Reads endpoints.yml and credentials.yml as Rasa does, with ${ENV_VAR} interpolation.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ParleyError } from '../errors.js';

function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) throw new ParleyError('CONFIG_INVALID', `${file}: environment variable ${name} is not set`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolateEnv(v, env, file));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, file)]));
  }
  return value;
}

/** The file's top-level mapping, `null` when the file does not exist or is empty. */
export function readYamlMapping(path: string, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ParleyError('CONFIG_INVALID', `${path}: not valid YAML (${(cause as Error).message.split('\n')[0]})`, { cause });
  }
  if (doc === null || doc === undefined) return null;
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ParleyError('CONFIG_INVALID', `${path}: expected a mapping at the top level`);
  return interpolateEnv(doc, env, path) as Record<string, unknown>;
}
