// Actions written in TypeScript and registered in code (the in-process action server).
import type { Event } from '../../core/index.js';
import type { Action, ActionContext } from './action.js';

export type ActionRun = (ctx: ActionContext) => Promise<Event[]> | Event[];

/** Wraps a function as an Action; pass the result to the ActionRegistry (`actions: [...]`). */
export function defineAction(name: string, run: ActionRun): Action {
  return {
    name,
    async run(ctx: ActionContext): Promise<Event[]> {
      return (await run(ctx)) ?? [];
    },
  };
}
