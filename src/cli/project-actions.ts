// In-process actions: a JS module exporting `actions` (made with defineAction), named by
// `--actions` or by a project's endpoints.yml (`parley: actions:`).
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Action } from '../dialogue/actions/action.js';
import { ParleyError } from '../errors.js';
import { readYamlMapping } from './endpoint-files.js';
import { actionsModule } from './runtime-config.js';

let resolutionRegistered = false;

/**
 * Lets actions modules import 'parley' wherever the project is: the hook (compiled JavaScript, so
 * only when Parley runs from dist/) resolves it to this Parley when nothing else does.
 */
function registerParleyResolution(): void {
  if (resolutionRegistered) return;
  resolutionRegistered = true;
  const hook = new URL('./parley-resolve-hook.js', import.meta.url);
  if (!existsSync(fileURLToPath(hook))) return;
  register(hook, { data: { entry: new URL('../index.js', import.meta.url).href } });
}

/** The actions a module exports (`actions` or its default export), each checked to be an action. */
export async function importActions(path: string): Promise<Action[]> {
  let mod: { actions?: unknown; default?: unknown };
  registerParleyResolution();
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as typeof mod;
  } catch (err) {
    const message = (err as Error).message;
    // run from source (tsx), nothing supplies 'parley' to a project outside this repository
    const hint = /Cannot find package 'parley'/.test(message) ? `; it imports 'parley': install it where the project is (\`npm install parley\`)` : '';
    throw new ParleyError('CONFIG_INVALID', `${path}: the actions module could not be loaded (${message})${hint}`);
  }
  const list = mod.actions ?? mod.default;
  if (!Array.isArray(list)) throw new ParleyError('CONFIG_INVALID', `${path}: expected an exported array \`actions\` of defineAction(...) results`);
  list.forEach((a: unknown, i) => {
    const action = a as Partial<Action> | null;
    if (typeof action?.name !== 'string' || typeof action.run !== 'function') {
      throw new ParleyError('CONFIG_INVALID', `${path}: actions[${i}] is not an action (expected {name: string, run(ctx)}, as defineAction makes)`);
    }
  });
  return list as Action[];
}

/** The in-process actions a project names in its endpoints.yml (`parley: actions:`); none when it names none. */
export async function projectActions(projectDir: string): Promise<Action[]> {
  const root = resolve(projectDir);
  const parley = readYamlMapping(join(root, 'endpoints.yml'))?.['parley'] as Record<string, unknown> | undefined;
  const { actionsModule: module } = actionsModule({}, parley, root);
  return module ? importActions(module) : [];
}
