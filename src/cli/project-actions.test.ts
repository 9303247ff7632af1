// In-process actions named by a project's endpoints.yml (`parley: actions:`), loaded as `parley run`,
// `parley shell` and the end-to-end tests load them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/support/temp-dir.js';
import { importActions, projectActions } from './project-actions.js';

describe('projectActions', () => {
  it('loads the module endpoints.yml names, relative to the project, and runs its actions', async () => {
    await using dir = await makeTempDir();
    await writeFile(join(dir.path, 'endpoints.yml'), 'parley:\n  actions: my-actions.mjs\n');
    await writeFile(join(dir.path, 'my-actions.mjs'), "export const actions = [{ name: 'action_hello', run: async () => [{ event: 'bot', text: 'hi' }] }];\n");
    const actions = await projectActions(dir.path);
    expect(actions.map((a) => a.name)).toEqual(['action_hello']);
    expect(await actions[0]?.run({} as never)).toEqual([{ event: 'bot', text: 'hi' }]);
  });

  it('is empty for a project without endpoints.yml or without parley.actions', async () => {
    await using dir = await makeTempDir();
    expect(await projectActions(dir.path)).toEqual([]);
    await writeFile(join(dir.path, 'endpoints.yml'), 'action_endpoint:\n  url: http://localhost:5055/webhook\n');
    expect(await projectActions(dir.path)).toEqual([]);
  });
});

describe('importActions', () => {
  it('names the module and the problem when it cannot be used', async () => {
    await using dir = await makeTempDir();
    const file = (name: string, text: string) => writeFile(join(dir.path, name), text).then(() => join(dir.path, name));
    await expect(importActions(join(dir.path, 'missing.mjs'))).rejects.toThrow(/missing\.mjs: the actions module could not be loaded/);
    await expect(importActions(await file('syntax.mjs', 'export const actions = [;\n'))).rejects.toThrow(/syntax\.mjs: the actions module could not be loaded/);
    await expect(importActions(await file('imports.mjs', "import { slotEvent } from 'parley';\nexport const actions = [];\n")))
      .rejects.toThrow(/imports\.mjs: the actions module could not be loaded .*install it where the project is/);
    await expect(importActions(await file('none.mjs', 'export const other = 1;\n'))).rejects.toThrow(/none\.mjs: expected an exported array `actions`/);
    await expect(importActions(await file('bad.mjs', "export const actions = [{ name: 'ok', run() { return []; } }, { name: 'no_run' }];\n")))
      .rejects.toThrow(/bad\.mjs: actions\[1\] is not an action/);
    // a default export works too, as `--actions` always took it
    expect((await importActions(await file('default.mjs', "export default [{ name: 'a', run: () => [] }];\n"))).map((a) => a.name)).toEqual(['a']);
  });
});
