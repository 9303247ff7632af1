// Resolves an action name to the action that runs it, in Rasa's order (rasa-compat §4).
import type { Domain } from '../../core/index.js';
import { DEFAULT_ACTIONS, RULE_SNIPPET_ACTION } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { FormAction } from '../forms/form-action.js';
import type { Action } from './action.js';
import type { ActionEndpointConfig } from './action-endpoint.js';
import type { ActionResolver } from './action-resolver.js';
import { createDefaultActions } from './builtin/default-actions.js';
import type { DialogueLogger } from './logger.js';
import { RemoteAction } from './remote-action.js';
import { RetrievalAction } from './retrieval-action.js';
import { UtterAction } from './utter-action.js';

export interface ActionRegistryOptions {
  domain: Domain;
  /** the action server (endpoints.yml `action_endpoint`); without it remote actions fail when run */
  endpoint?: ActionEndpointConfig;
  /** actions written in TypeScript (see defineAction) */
  actions?: readonly Action[];
  /** the domain as sent to action servers (Domain.as_dict shape); defaults to an empty object */
  domainJson?: () => Record<string, unknown>;
  random?: () => number;
  logger?: DialogueLogger;
}

export class ActionRegistry implements ActionResolver {
  private readonly domain: Domain;
  private readonly defaults: Map<string, Action>;
  private readonly coded = new Map<string, Action>();
  private readonly cache = new Map<string, Action>();

  constructor(private readonly opts: ActionRegistryOptions) {
    this.domain = opts.domain;
    this.defaults = createDefaultActions({ actions: this, ...this.common() });
    for (const a of opts.actions ?? []) {
      if (this.coded.has(a.name)) throw new ParleyError('CONFIG_INVALID', `two TypeScript actions are named '${a.name}'`);
      this.coded.set(a.name, a);
    }
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }

  get(name: string): Action {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const action = this.resolve(name);
    if (!action) throw new ParleyError('ACTION_NOT_FOUND', `no action named '${name}': it is neither a default action, a response, a form, a declared action nor a TypeScript action`, { details: { action_name: name } });
    this.cache.set(name, action);
    return action;
  }

  /** The names of the TypeScript actions registered in code. */
  codedActionNames(): string[] {
    return [...this.coded.keys()];
  }

  private common(): { random?: () => number; logger?: DialogueLogger } {
    return { ...(this.opts.random ? { random: this.opts.random } : {}), ...(this.opts.logger ? { logger: this.opts.logger } : {}) };
  }

  private isRetrievalAction(name: string): boolean {
    return name.startsWith('utter_') && Object.keys(this.domain.responses).some((r) => r.startsWith(`${name}/`));
  }

  private resolve(name: string): Action | undefined {
    const declared = this.domain.actions.includes(name);
    if (DEFAULT_ACTIONS.includes(name) && name !== RULE_SNIPPET_ACTION && !declared) return this.defaults.get(name);
    if (this.isRetrievalAction(name)) return new RetrievalAction(name, this.common());
    if (name.startsWith('utter_') && (name in this.domain.responses || declared)) return new UtterAction(name, this.common());
    const form = this.domain.forms[name];
    if (form && !declared) return new FormAction(form, { actions: this, ...(this.opts.logger ? { logger: this.opts.logger } : {}) });
    const coded = this.coded.get(name);
    if (coded) return coded;
    if (declared || form) {
      return new RemoteAction(name, { endpoint: this.opts.endpoint, domainJson: this.opts.domainJson ?? (() => ({})), ...this.common() });
    }
    return undefined;
  }
}
