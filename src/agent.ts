// The Agent: a loaded model wired to stores, a lock and actions. The one object the server and
// the CLI use. Every state-changing call runs under the conversation's lock and ends with one
// durable append of the events it produced.
import { stringify } from 'yaml';
import type { Logger } from 'pino';
import type {
  Agent, AgentStatus, BotEventListener, ConversationState, IdentityLinks, IncomingMessage, PredictResult, StateListener, TrackerResult, TurnResult,
} from './agent-api.js';
import type { BotEvent, Event, EventVerbosity, ParseData, TrackerJson } from './core/index.js';
import { domainToJson, eventsUntil, intentNames, REQUESTED_SLOT, slotInitialValues, Tracker, trackerToJson } from './core/index.js';
import type { Action } from './dialogue/actions/action.js';
import type { ActionEndpointConfig } from './dialogue/actions/action-endpoint.js';
import { ActionRegistry } from './dialogue/actions/action-registry.js';
import { MessageProcessor } from './dialogue/processor/message-processor.js';
import type { TurnOutput } from './dialogue/processor/turn.js';
import { conversationToTestStory } from './dialogue/stories/index.js';
import { ParleyError } from './errors.js';
import type { LoadedModel } from './loaded-model.js';
import type { EventBroker } from './broker/index.js';
import type { ParleyMetrics } from './observability/metrics.js';
import type { LockOptions, LockStore } from './stores/lock-store.js';
import { recordFormMetrics } from './turn-metrics.js';
import type { TrackerStore } from './stores/tracker-store.js';
import type { StateBus } from './stores/bus/state-bus.js';
import { MemoryStateBus } from './stores/bus/memory-state-bus.js';
import type { IdentityStore } from './stores/identity/identity-store.js';
import { MemoryIdentityStore } from './stores/identity/memory-identity-store.js';
import { StatePublisher } from './state-publisher.js';

export interface AgentOptions {
  model: LoadedModel;
  trackerStore: TrackerStore;
  lockStore: LockStore;
  actionEndpoint?: ActionEndpointConfig;
  /** actions written in TypeScript (defineAction) */
  actions?: readonly Action[];
  logger?: Logger;
  maxActionsPerTurn?: number;
  metrics?: ParleyMetrics;
  /** every persisted event is published here (never blocks or fails a turn) */
  eventBroker?: EventBroker;
  /** replaces the model's NLU parse (e.g. wrapped with the LLM intent check or a cache) */
  parse?: (text: string, opts: { messageId?: string; metadata?: Record<string, unknown> }) => Promise<ParseData>;
  /** slots whose values are masked for callers that are not authorised (state API, logs) */
  sensitiveSlots?: readonly string[];
  /** entities whose values are masked for callers that are not authorised (state API) */
  sensitiveEntities?: readonly string[];
  /** where state changes are published (default: this process only) */
  stateBus?: StateBus;
  /** channel user id → conversation id links (default: in memory) */
  identityStore?: IdentityStore;
  /** rewords bot messages before they are sent (the LLM rephraser) */
  rephrase?: (bot: BotEvent, tracker: Tracker) => Promise<BotEvent>;
}

interface Loaded { tracker: Tracker; seq: number; base: number }

export class ParleyAgent implements Agent {
  private readonly processor: MessageProcessor;
  private readonly initialSlots: Readonly<Record<string, unknown>>;
  private readonly domainDict: Record<string, unknown>;
  private readonly parseText: NonNullable<AgentOptions['parse']>;
  private readonly publisher: StatePublisher;
  private readonly identityStore: IdentityStore;
  readonly language: string;

  constructor(private readonly opts: AgentOptions) {
    const { model } = opts;
    this.domainDict = domainToJson(model.domain);
    this.initialSlots = slotInitialValues(model.domain);
    this.language = model.archive.language;
    const actions = new ActionRegistry({
      domain: model.domain, domainJson: () => this.domainDict,
      ...(opts.actionEndpoint ? { endpoint: opts.actionEndpoint } : {}),
      ...(opts.actions ? { actions: opts.actions } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    this.parseText = opts.parse ?? ((text, o) => model.nlu.parse(text, o));
    this.identityStore = opts.identityStore ?? new MemoryIdentityStore();
    this.publisher = new StatePublisher({
      bus: opts.stateBus ?? new MemoryStateBus(),
      names: { slots: opts.sensitiveSlots ?? [], entities: opts.sensitiveEntities ?? [] },
      read: async (id) => {
        const stored = await opts.trackerStore.retrieve(id);
        return { tracker: Tracker.fromEvents(id, stored?.events ?? [], this.initialSlots), seq: stored?.seq ?? 0, baseSeq: stored?.baseSeq ?? 0 };
      },
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    this.processor = new MessageProcessor({
      domain: model.domain, policies: model.policies, actions,
      parse: this.parseText,
      ...(opts.rephrase ? { rephrase: opts.rephrase } : {}),
      ...(opts.maxActionsPerTurn ? { maxActionsPerTurn: opts.maxActionsPerTurn } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
  }

  private timed<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    const m = this.opts.metrics;
    return m ? m.timeTrackerStore(operation, fn) : fn();
  }

  private async load(id: string): Promise<Loaded> {
    const stored = await this.timed('retrieve', () => this.opts.trackerStore.retrieve(id));
    const tracker = Tracker.fromEvents(id, stored?.events ?? [], this.initialSlots);
    return { tracker, seq: stored?.seq ?? 0, base: tracker.events.length };
  }

  private async save(id: string, l: Loaded, started?: number): Promise<void> {
    const added = l.tracker.events.slice(l.base);
    if (added.length === 0) return;
    const seq = await this.timed('append', () => this.opts.trackerStore.append(id, added, l.seq));
    const broker = this.opts.eventBroker;
    if (broker) for (const e of added) broker.publish(id, e);
    const latencyMs = started === undefined ? null : Math.round(performance.now() - started);
    this.publisher.publish({ tracker: l.tracker, added, seq, fromSeq: l.seq, latencyMs });
  }

  /** Load, change, save: under the conversation's lock. */
  private locked<T>(id: string, fn: (l: Loaded) => Promise<T>, started?: number, lockOpts: LockOptions = {}): Promise<T> {
    const queued = performance.now();
    return this.opts.lockStore.withLock(id, async () => {
      this.opts.metrics?.observeLockWait((performance.now() - queued) / 1000);
      const l = await this.load(id);
      const result = await fn(l);
      await this.save(id, l, started);
      return result;
    }, lockOpts);
  }

  async handleMessage(msg: IncomingMessage, onBotEvent?: BotEventListener, opts: LockOptions = {}): Promise<TurnResult> {
    const started = performance.now();
    const result = await this.locked(msg.senderId, async (l) => {
      const before = { form: l.tracker.activeLoopName, requestedSlot: (l.tracker.slot(REQUESTED_SLOT) as string | null) ?? null };
      const out = await this.processor.handleMessage(l.tracker, {
        text: msg.text, inputChannel: msg.inputChannel ?? 'rest',
        ...(msg.metadata ? { metadata: msg.metadata } : {}),
        ...(msg.messageId ? { messageId: msg.messageId } : {}),
        ...(msg.parseData ? { parseData: msg.parseData } : {}),
      }, onBotEvent);
      if (this.opts.metrics) recordFormMetrics(this.opts.metrics, before, out.newEvents);
      const user = userParse(out);
      return {
        messages: out.botEvents, intent: user?.intent?.name ?? null, confidence: user?.intent?.confidence ?? null,
        ...(user?.parley ? { decidedBy: user.parley.decided_by } : {}),
      };
    }, started, opts);
    this.opts.metrics?.observeTurn({ channel: msg.inputChannel ?? 'rest', seconds: (performance.now() - started) / 1000, intent: result.intent, confidence: result.confidence });
    return result;
  }

  parse(text: string, messageId?: string): Promise<ParseData> {
    return this.parseText(text, messageId ? { messageId } : {});
  }

  async tracker(id: string, opts: { verbosity?: EventVerbosity; until?: number } = {}): Promise<TrackerJson> {
    // the current session builds the state; earlier sessions are read only when asked for
    const whole = opts.until !== undefined || opts.verbosity === 'ALL' || opts.verbosity === 'AFTER_RESTART' || opts.verbosity === undefined;
    const stored = whole ? await this.opts.trackerStore.retrieveFull(id) : await this.opts.trackerStore.retrieve(id);
    const events = stored?.events ?? [];
    const tracker = Tracker.fromEvents(id, opts.until === undefined ? events : eventsUntil(events, opts.until), this.initialSlots);
    if (events.length === 0) await this.processor.ensureSession(tracker); // shown, not saved (as Rasa)
    return trackerToJson(tracker, opts.verbosity);
  }

  async conversationExists(id: string): Promise<boolean> {
    return (await this.opts.trackerStore.retrieve(id)) !== undefined;
  }

  async appendEvents(id: string, events: Event[], opts: { verbosity?: EventVerbosity; onBotEvent?: BotEventListener } = {}): Promise<TrackerJson> {
    return this.locked(id, async (l) => {
      const startsSession = events[0]?.event === 'action' && events[0].name === 'action_session_start' && events[1]?.event === 'session_started';
      if (l.tracker.events.length === 0 && !startsSession) await this.processor.ensureSession(l.tracker);
      l.tracker.append(...events);
      for (const e of events) if (e.event === 'bot') await opts.onBotEvent?.(e);
      return trackerToJson(l.tracker, opts.verbosity);
    });
  }

  async replaceEvents(id: string, events: Event[], opts: { verbosity?: EventVerbosity } = {}): Promise<TrackerJson> {
    return this.opts.lockStore.withLock(id, async () => {
      const seq = await this.timed('replace', () => this.opts.trackerStore.replace(id, events));
      const broker = this.opts.eventBroker;
      if (broker) for (const e of events) broker.publish(id, e);
      const tracker = Tracker.fromEvents(id, events, this.initialSlots);
      this.publisher.publish({ tracker, added: events, seq, fromSeq: 0, latencyMs: null });
      return trackerToJson(tracker, opts.verbosity);
    });
  }

  async logMessage(msg: IncomingMessage, opts: { verbosity?: EventVerbosity } = {}): Promise<TrackerJson> {
    return this.locked(msg.senderId, async (l) => {
      await this.processor.logMessage(l.tracker, {
        text: msg.text, inputChannel: msg.inputChannel ?? l.tracker.state.latestInputChannel ?? 'rest',
        ...(msg.metadata ? { metadata: msg.metadata } : {}),
        ...(msg.parseData ? { parseData: msg.parseData } : {}),
      });
      return trackerToJson(l.tracker, opts.verbosity);
    });
  }

  async triggerIntent(id: string, intent: string, entities: unknown, opts: { verbosity?: EventVerbosity; onBotEvent?: BotEventListener } = {}): Promise<TrackerResult> {
    if (!this.intentNames().includes(intent)) {
      throw new ParleyError('INTENT_NOT_FOUND', `The intent '${intent}' does not exist in the domain.`);
    }
    return this.locked(id, async (l) => {
      const out = await this.processor.triggerIntent(l.tracker, intent, entities, opts.onBotEvent);
      return { tracker: trackerToJson(l.tracker, opts.verbosity), messages: out.botEvents };
    });
  }

  async predict(id: string, opts: { verbosity?: EventVerbosity } = {}): Promise<PredictResult> {
    return this.locked(id, async (l) => {
      await this.processor.ensureSession(l.tracker);
      const p = this.processor.predict(l.tracker);
      return { scores: p.scores, policy: p.policy, confidence: p.confidence, tracker: trackerToJson(l.tracker, opts.verbosity) };
    });
  }

  async execute(id: string, action: { name: string; policy?: string | null; confidence?: number | null },
    opts: { verbosity?: EventVerbosity; onBotEvent?: BotEventListener } = {}): Promise<TrackerResult> {
    return this.locked(id, async (l) => {
      const out = await this.processor.executeAction(l.tracker, action.name,
        { policy: action.policy ?? null, confidence: action.confidence ?? null, predictAfter: false }, opts.onBotEvent);
      return { tracker: trackerToJson(l.tracker, opts.verbosity), messages: out.botEvents };
    });
  }

  async story(id: string, opts: { until?: number; allSessions?: boolean } = {}): Promise<string> {
    const stored = opts.allSessions ? await this.opts.trackerStore.retrieveFull(id) : await this.opts.trackerStore.retrieve(id);
    if (!stored) throw new ParleyError('CONVERSATION_NOT_FOUND', `Conversation '${id}' not found.`);
    const events = opts.until === undefined ? stored.events : eventsUntil(stored.events, opts.until);
    return conversationToTestStory(events, { name: id, allSessions: opts.allSessions ?? false });
  }

  async state(id: string, opts: { authorized: boolean; recent?: number }): Promise<ConversationState> {
    return this.publisher.state(id, opts);
  }
  subscribe(id: string, listener: StateListener, opts: { authorized?: boolean } = {}): () => void {
    return this.publisher.subscribe(id, listener, { authorized: opts.authorized ?? false });
  }
  get identities(): IdentityLinks { return this.identityStore; }
  domainJson(): Record<string, unknown> { return this.domainDict; }
  domainYaml(): string { return stringify(this.domainDict); }
  intentNames(): string[] { return intentNames(this.opts.model.domain); }

  status(): AgentStatus {
    return { model_file: this.opts.model.fileName, model_id: this.opts.model.archive.model_id, num_active_training_jobs: 0 };
  }

  async close(): Promise<void> {
    await this.publisher.close();
    await this.identityStore.close();
    await this.opts.lockStore.close();
    await this.opts.trackerStore.close();
  }
}

function userParse(out: TurnOutput): ParseData | undefined {
  for (let i = out.newEvents.length - 1; i >= 0; i--) {
    const e = out.newEvents[i] as Event;
    if (e.event === 'user') return e.parse_data;
  }
  return undefined;
}
