// A module resolution hook (node:module register): a project's actions module that imports 'parley'
// gets the Parley that loads it when no 'parley' is installed where the project is (a project made
// with `parley init`, a globally installed CLI). An installed one is used as Node would find it.
import type { ResolveHookContext } from 'node:module';

interface Resolved { url: string; format?: string | null; shortCircuit?: boolean }
type NextResolve = (specifier: string, context: ResolveHookContext) => Promise<Resolved>;

let entry = '';

export function initialize(data: { entry: string }): void {
  entry = data.entry;
}

export async function resolve(specifier: string, context: ResolveHookContext, next: NextResolve): Promise<Resolved> {
  if (specifier !== 'parley') return next(specifier, context);
  try {
    return await next(specifier, context);
  } catch {
    return { url: entry, format: 'module', shortCircuit: true };
  }
}
