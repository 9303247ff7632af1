// An action run by a Rasa-compatible action server (rasa-sdk) over HTTP (rasa-compat §3).
import type { Domain, Event } from '../../core/index.js';
import { parseEvents, trackerToJson } from '../../core/index.js';
import type { Action, ActionContext } from './action.js';
import type { ActionEndpointConfig } from './action-endpoint.js';
import { DEFAULT_ACTION_TIMEOUT_MS, RASA_COMPAT_VERSION, endpointHeaders, endpointUrl } from './action-endpoint.js';
import { actionFailed, actionRejected } from './action-errors.js';
import type { DialogueLogger } from './logger.js';
import { silentLogger } from './logger.js';
import { renderRemoteResponses } from './remote-responses.js';

export interface RemoteActionDeps {
  /** undefined when no action endpoint is configured: running then fails (events lost, turn goes on) */
  endpoint: ActionEndpointConfig | undefined;
  domainJson: () => Record<string, unknown>;
  random?: () => number;
  logger?: DialogueLogger;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sendsDomain(endpoint: ActionEndpointConfig, domain: Domain, name: string): boolean {
  return !endpoint.enable_selective_domain || domain.actionOptions[name]?.sendDomain === true;
}

export class RemoteAction implements Action {
  constructor(readonly name: string, private readonly deps: RemoteActionDeps) {}

  async run(ctx: ActionContext): Promise<Event[]> {
    const endpoint = this.deps.endpoint;
    if (!endpoint) throw actionFailed(this.name, `action '${this.name}' needs an action server, but no action_endpoint is configured`);
    const body: Record<string, unknown> = {
      next_action: this.name,
      sender_id: ctx.tracker.senderId,
      tracker: trackerToJson(ctx.tracker, 'ALL'),
      version: RASA_COMPAT_VERSION,
    };
    if (sendsDomain(endpoint, ctx.domain, this.name)) body['domain'] = this.deps.domainJson();
    const reply = await this.call(endpoint, body);
    return this.eventsFrom(reply, ctx);
  }

  private async call(endpoint: ActionEndpointConfig, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(endpointUrl(endpoint), {
        method: 'POST', headers: endpointHeaders(endpoint), body: JSON.stringify(body),
        signal: AbortSignal.timeout(endpoint.timeout_ms ?? DEFAULT_ACTION_TIMEOUT_MS),
      });
    } catch (cause) {
      throw actionFailed(this.name, `failed to reach the action server for '${this.name}': ${(cause as Error).message}`, cause);
    }
    const text = await res.text().catch(() => '');
    const json = safeJson(text);
    if (res.status === 400) {
      const message = isObject(json) && typeof json['error'] === 'string' ? json['error'] : `action '${this.name}' was rejected`;
      throw actionRejected(this.name, message);
    }
    if (!res.ok) throw actionFailed(this.name, `action server answered ${res.status} for '${this.name}': ${text.slice(0, 500)}`);
    if (!isObject(json)) throw actionFailed(this.name, `action server reply for '${this.name}' is not a JSON object`);
    return json;
  }

  private eventsFrom(reply: Record<string, unknown>, ctx: ActionContext): Event[] {
    const rawEvents = reply['events'] ?? [];
    const rawResponses = reply['responses'] ?? [];
    if (!Array.isArray(rawEvents)) throw actionFailed(this.name, `"events" of the reply for '${this.name}' must be a list`);
    if (!Array.isArray(rawResponses) || !rawResponses.every(isObject)) {
      throw actionFailed(this.name, `"responses" of the reply for '${this.name}' must be a list of objects`);
    }
    let events: Event[];
    try {
      events = parseEvents(rawEvents);
    } catch (cause) {
      (this.deps.logger ?? silentLogger).error({ action: this.name, err: (cause as Error).message }, 'action.remote.invalid_events');
      throw actionFailed(this.name, `invalid events from the action server for '${this.name}': ${(cause as Error).message}`, cause);
    }
    const bots = renderRemoteResponses(rawResponses, {
      domain: ctx.domain, slots: ctx.tracker.slots, channel: ctx.channel, ...(this.deps.random ? { random: this.deps.random } : {}),
    });
    return [...bots, ...events];
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
