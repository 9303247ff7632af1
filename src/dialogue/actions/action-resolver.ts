// What forms and built-in actions need from the registry: look an action up by name.
import type { Action } from './action.js';

export interface ActionResolver {
  /** The action for `name`; throws ParleyError ACTION_NOT_FOUND when nothing resolves it. */
  get(name: string): Action;
  /** True when `name` resolves to an action the bot really has (a response, a declared or coded action). */
  has(name: string): boolean;
}
