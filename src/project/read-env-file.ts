// credentials.yml / endpoints.yml: plain objects, with ${ENV_VAR} expanded as Rasa does.
import type { Node } from 'yaml';
import type { YamlSource } from './yaml-source.js';

const ENV_REFERENCE = /\$\{([^}]+)\}/g;

export interface EnvFileOptions { env: Record<string, string | undefined> }

/** The file as a plain object (null when empty); a missing variable is an error with its line. */
export function readEnvFile(src: YamlSource, opts: EnvFileOptions): Record<string, unknown> | null {
  const root = src.root;
  if (src.isNull(root)) return null;
  if (!src.isMap(root)) return src.fail(root, `${src.file} must be a mapping`);
  return expand(src, root, opts.env) as Record<string, unknown>;
}

function expand(src: YamlSource, node: Node | null, env: Record<string, string | undefined>): unknown {
  if (node === null) return null;
  if (src.isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const e of src.entries(node, 'a mapping')) out[e.key] = expand(src, e.value, env);
    return out;
  }
  if (src.isSeq(node)) return src.items(node, 'a list').map((n) => expand(src, n, env));
  const value = src.js(node);
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const missing = [...value.matchAll(ENV_REFERENCE)].map((m) => m[1] ?? '').filter((name) => env[name] === undefined);
  if (missing.length > 0) {
    src.fail(node, `cannot expand '${value}': set the environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  return value.replace(ENV_REFERENCE, (_m, name: string) => env[name] ?? '');
}
