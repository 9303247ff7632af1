// An in-memory Agent for server tests: real event lists folded by core's Tracker, a keyword
// "NLU", and a bot that echoes. Honest enough that route tests check real tracker JSON.
import { randomUUID } from 'node:crypto';
import { stringify } from 'yaml';
import type {
  Agent, AgentStatus, BotEventListener, ConversationState, IdentityLinks, IncomingMessage, PredictResult, StateListener, TrackerResult, TurnResult,
} from '../../agent-api.js';
import { conversationState, turnRecord } from '../../conversation-state.js';
import {
  ACTION_LISTEN, ACTION_SESSION_START, DEFAULT_INTENTS, Tracker, actionEvent, botEvent, eventsUntil, sessionStartedEvent,
  trackerToJson, userEvent, type BotEvent, type Event, type EventVerbosity, type ParseData, type TrackerJson,
} from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { fakeStory } from './fake-story.js';

export interface FakeAgentOptions {
  /** default 'en' */
  language?: string;
  /** domain intents; default greet, goodbye, mood_great */
  intents?: string[];
  /** domain slots with their initial values; default { city: null } */
  slots?: Record<string, unknown>;
  /** false = behaves like Rasa with no model loaded (409 Conflict); default true */
  modelLoaded?: boolean;
  /** the bot's answer to one user message; default one `echo: <text>` message */
  reply?: (text: string, senderId: string) => BotEvent[];
  /** slots masked for unauthorised state readers */
  sensitiveSlots?: string[];
}

/** Identity links in a Map (what the real agent keeps in its IdentityStore). */
class MapIdentityLinks implements IdentityLinks {
  readonly links = new Map<string, string>();
  async link(channelUserId: string, conversationId: string): Promise<void> { this.links.set(channelUserId, conversationId); }
  async resolve(channelUserId: string): Promise<string | undefined> { return this.links.get(channelUserId); }
  async unlink(channelUserId: string): Promise<boolean> { return this.links.delete(channelUserId); }
}

const POLICY = 'FakePolicy';
type Opts = { verbosity?: EventVerbosity; onBotEvent?: BotEventListener };

const startsSession = (events: readonly Event[]): boolean =>
  events[0]?.event === 'action' && events[0].name === ACTION_SESSION_START;

export class FakeAgent implements Agent {
  readonly language: string;
  /** when set, every engine call rejects with it (a broken store, a crashed model...) */
  fault: Error | undefined;
  modelLoaded: boolean;
  private readonly intents: string[];
  private readonly reply: (text: string, senderId: string) => BotEvent[];
  private readonly conversations = new Map<string, Tracker>();
  private readonly slots: Readonly<Record<string, unknown>>;
  private readonly listeners = new Map<string, Set<{ listener: StateListener; authorized: boolean }>>();
  private readonly sensitiveSlots: string[];
  readonly identities = new MapIdentityLinks();

  constructor(opts: FakeAgentOptions = {}) {
    this.sensitiveSlots = opts.sensitiveSlots ?? [];
    this.language = opts.language ?? 'en';
    this.intents = opts.intents ?? ['greet', 'goodbye', 'mood_great'];
    this.modelLoaded = opts.modelLoaded ?? true;
    this.slots = { ...(opts.slots ?? { city: null }), session_started_metadata: null };
    this.reply = opts.reply ?? ((text) => [botEvent(`echo: ${text}`)]);
  }

  async handleMessage(msg: IncomingMessage, onBotEvent?: BotEventListener): Promise<TurnResult> {
    this.check({ needsModel: true });
    const tracker = this.loadOrStart(msg.senderId);
    const parse = msg.parseData ?? (await this.parse(msg.text, msg.messageId));
    tracker.append(this.userEventOf(msg, parse));
    const messages = await this.utter(tracker, this.reply(msg.text, msg.senderId), onBotEvent);
    tracker.append(actionEvent(ACTION_LISTEN, { policy: POLICY, confidence: 1 }));
    this.store(msg.senderId, tracker);
    return { messages, intent: parse.intent?.name ?? null, confidence: parse.intent?.confidence ?? null };
  }

  async parse(text: string, messageId?: string): Promise<ParseData> {
    this.check({ needsModel: true });
    const shortcut = /^\/([^{@]+)/.exec(text)?.[1];
    const name = shortcut ?? this.intents.find((i) => text.toLowerCase().includes(i)) ?? 'nlu_fallback';
    const intent = { name, confidence: shortcut !== undefined ? 1 : name === 'nlu_fallback' ? 0.3 : 0.95 };
    return { text, intent, entities: [], intent_ranking: [intent], message_id: messageId ?? randomUUID().replaceAll('-', ''), metadata: {} };
  }

  async tracker(conversationId: string, opts: { verbosity?: EventVerbosity; until?: number } = {}): Promise<TrackerJson> {
    this.check();
    const tracker = this.loadOrStart(conversationId);
    const view = opts.until === undefined ? tracker : Tracker.fromEvents(conversationId, eventsUntil(tracker.events, opts.until), this.slots);
    return trackerToJson(view, opts.verbosity);
  }

  async conversationExists(conversationId: string): Promise<boolean> {
    this.check();
    return this.conversations.has(conversationId);
  }

  async appendEvents(conversationId: string, events: Event[], opts: Opts = {}): Promise<TrackerJson> {
    this.check();
    const existing = this.conversations.get(conversationId);
    const tracker = existing?.copy() ?? (startsSession(events) ? Tracker.empty(conversationId, this.slots) : this.sessionStart(conversationId));
    tracker.append(...events);
    for (const e of events) if (e.event === 'bot') await opts.onBotEvent?.(e);
    this.store(conversationId, tracker);
    return trackerToJson(tracker, opts.verbosity);
  }

  async replaceEvents(conversationId: string, events: Event[], opts: { verbosity?: EventVerbosity } = {}): Promise<TrackerJson> {
    this.check();
    const tracker = Tracker.fromEvents(conversationId, events, this.slots);
    this.store(conversationId, tracker);
    return trackerToJson(tracker, opts.verbosity);
  }

  async logMessage(msg: IncomingMessage, opts: { verbosity?: EventVerbosity } = {}): Promise<TrackerJson> {
    this.check({ needsModel: true });
    const tracker = this.loadOrStart(msg.senderId);
    tracker.append(this.userEventOf(msg, msg.parseData ?? (await this.parse(msg.text, msg.messageId))));
    this.store(msg.senderId, tracker);
    return trackerToJson(tracker, opts.verbosity);
  }

  async triggerIntent(conversationId: string, intent: string, entities: unknown, opts: Opts = {}): Promise<TrackerResult> {
    this.check({ needsModel: true });
    if (!this.intentNames().includes(intent)) throw new ParleyError('INTENT_NOT_FOUND', `The intent ${intent} does not exist in the domain.`);
    const tracker = this.loadOrStart(conversationId);
    const list = Array.isArray(entities) ? entities : Object.entries(entities ?? {}).map(([entity, value]) => ({ entity, value }));
    const parse: ParseData = { text: `EXTERNAL: ${intent}`, intent: { name: intent, confidence: 1 }, entities: list };
    tracker.append(userEvent(parse.text, parse, { inputChannel: tracker.state.latestInputChannel, metadata: { is_external: true } }));
    const messages = await this.utter(tracker, [botEvent(`triggered ${intent}`)], opts.onBotEvent);
    tracker.append(actionEvent(ACTION_LISTEN, { policy: POLICY, confidence: 1 }));
    this.store(conversationId, tracker);
    return { tracker: trackerToJson(tracker, opts.verbosity), messages };
  }

  async predict(conversationId: string, opts: { verbosity?: EventVerbosity } = {}): Promise<PredictResult> {
    this.check({ needsModel: true });
    const scores = [{ action: ACTION_LISTEN, score: 0.1 }, { action: 'utter_echo', score: 0.9 }];
    return { scores, policy: POLICY, confidence: 0.9, tracker: trackerToJson(this.loadOrStart(conversationId), opts.verbosity) };
  }

  async execute(conversationId: string, action: { name: string; policy?: string | null; confidence?: number | null }, opts: Opts = {}): Promise<TrackerResult> {
    this.check({ needsModel: true });
    const tracker = this.loadOrStart(conversationId);
    tracker.append(actionEvent(action.name, { policy: action.policy ?? null, confidence: action.confidence ?? null }));
    const said = action.name.startsWith('utter_') ? [botEvent(`said ${action.name}`, {}, { utter_action: action.name })] : [];
    const messages: BotEvent[] = [];
    for (const bot of said) {
      tracker.append(bot);
      messages.push(bot);
      await opts.onBotEvent?.(bot);
    }
    this.store(conversationId, tracker);
    return { tracker: trackerToJson(tracker, opts.verbosity), messages };
  }

  async story(conversationId: string, opts: { until?: number; allSessions?: boolean } = {}): Promise<string> {
    this.check();
    const events = this.conversations.get(conversationId)?.events ?? [];
    return fakeStory(conversationId, opts.until === undefined ? events : eventsUntil(events, opts.until), opts.allSessions ?? false);
  }

  domainJson(): Record<string, unknown> {
    return {
      version: '3.1', intents: [...this.intents], entities: [],
      slots: Object.fromEntries(Object.keys(this.slots).filter((n) => n !== 'session_started_metadata').map((n) => [n, { type: 'any', mappings: [] }])), forms: {}, actions: [],
      responses: { utter_greet: [{ text: 'Hey! How are you?' }] },
      session_config: { session_expiration_time: 60, carry_over_slots_to_new_session: true },
    };
  }

  domainYaml(): string { return stringify(this.domainJson()); }

  intentNames(): string[] { return [...new Set([...this.intents, ...DEFAULT_INTENTS])]; }

  status(): AgentStatus {
    this.check({ needsModel: true });
    return { model_file: '20240101-000000-fake.tar.gz', model_id: 'fake0model0id', num_active_training_jobs: 0 };
  }

  async close(): Promise<void> { this.conversations.clear(); this.listeners.clear(); }

  async state(conversationId: string, opts: { authorized: boolean; recent?: number }): Promise<ConversationState> {
    this.check();
    const tracker = this.conversations.get(conversationId) ?? Tracker.empty(conversationId, this.slots);
    return conversationState(tracker, { seq: tracker.events.length, authorized: opts.authorized, names: this.names(), ...(opts.recent !== undefined ? { recent: opts.recent } : {}) });
  }

  subscribe(conversationId: string, listener: StateListener, opts: { authorized?: boolean } = {}): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) this.listeners.set(conversationId, (set = new Set()));
    const entry = { listener, authorized: opts.authorized ?? false };
    set.add(entry);
    return () => { set.delete(entry); };
  }

  /** how many state subscribers a conversation has (tests check unsubscription) */
  subscriberCount(conversationId: string): number { return this.listeners.get(conversationId)?.size ?? 0; }

  private names() { return { slots: this.sensitiveSlots, entities: [] }; }

  // Saves a conversation and tells its subscribers, as the real agent does after an append.
  private store(conversationId: string, tracker: Tracker): void {
    const before = this.conversations.get(conversationId)?.events.length ?? 0;
    this.conversations.set(conversationId, tracker);
    const added = tracker.events.slice(before);
    for (const { listener, authorized } of this.listeners.get(conversationId) ?? []) {
      const state = conversationState(tracker, { seq: tracker.events.length, authorized, names: this.names() });
      listener({ conversation_id: conversationId, state, turn: turnRecord({ tracker, added, latencyMs: 1, authorized, names: this.names() }) });
    }
  }

  /** The stored events of a conversation (tests assert on what was persisted). */
  storedEvents(conversationId: string): readonly Event[] { return this.conversations.get(conversationId)?.events ?? []; }

  private check(opts: { needsModel?: boolean } = {}): void {
    if (this.fault) throw this.fault;
    if (opts.needsModel === true && !this.modelLoaded) {
      throw new ParleyError('MODEL_NOT_FOUND', 'No agent loaded. To continue processing, a model of a trained agent needs to be loaded.');
    }
  }

  private sessionStart(conversationId: string): Tracker {
    return Tracker.empty(conversationId, this.slots).append(
      actionEvent(ACTION_SESSION_START, { confidence: 1 }), sessionStartedEvent(), actionEvent(ACTION_LISTEN),
    );
  }

  // A copy, so a failed turn leaves the stored conversation untouched.
  private loadOrStart(conversationId: string): Tracker {
    return this.conversations.get(conversationId)?.copy() ?? this.sessionStart(conversationId);
  }

  private userEventOf(msg: IncomingMessage, parse: ParseData): Event {
    return userEvent(msg.text, parse, { inputChannel: msg.inputChannel ?? null, messageId: parse.message_id ?? null, metadata: msg.metadata ?? {} });
  }

  private async utter(tracker: Tracker, bots: BotEvent[], onBotEvent?: BotEventListener): Promise<BotEvent[]> {
    for (const bot of bots) {
      tracker.append(actionEvent('utter_echo', { policy: POLICY, confidence: 1 }), bot);
      await onBotEvent?.(bot);
    }
    return bots;
  }
}
