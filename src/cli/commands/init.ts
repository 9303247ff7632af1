// `parley init [dir]`: scaffolds the Chinese ordering bot as a new project.
import { cp, mkdir, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParleyError } from '../../errors.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

export async function initCommand(dir: string, flags: { template?: string; quiet?: boolean }): Promise<void> {
  const target = resolve(dir);
  const template = flags.template ?? 'order-zh';
  const source = resolve(EXAMPLES_DIR, template);
  if (!existsSync(source)) {
    const known = existsSync(EXAMPLES_DIR) ? (await readdir(EXAMPLES_DIR)).join(', ') : 'none';
    throw new ParleyError('PROJECT_NOT_FOUND', `no template "${template}" (available: ${known})`);
  }
  if (existsSync(target) && (await readdir(target)).length > 0) {
    throw new ParleyError('PROJECT_INVALID', `${target} is not empty: choose a new directory`);
  }
  await mkdir(target, { recursive: true });
  await cp(source, target, { recursive: true, filter: (src) => !/[\\/](models|results|\.parley)([\\/]|$)/.test(src) });
  if (!flags.quiet) {
    console.log(`Created a Parley project from "${template}" in ${target}`);
    console.log(`Next: cd ${dir} && parley train && parley run`);
  }
}
