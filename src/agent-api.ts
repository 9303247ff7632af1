// What the server and CLI see of the engine: the Agent. Everything else stays behind it.
import type { BotEvent, Event, ParseData, TrackerJson, EventVerbosity } from './core/index.js';

export interface IncomingMessage {
  senderId: string;
  text: string;
  metadata?: Record<string, unknown>;
  inputChannel?: string;
  messageId?: string;
  /** when given, NLU is skipped (POST /messages with parse_data) */
  parseData?: ParseData;
}

/** Called for every bot message as the turn produces it (streaming and callback channels). */
export type BotEventListener = (event: BotEvent) => void | Promise<void>;

export interface TurnResult {
  /** bot events of this turn, in order */
  messages: BotEvent[];
  /** the intent the turn was parsed as, for logs */
  intent: string | null;
  confidence: number | null;
  /** which path decided the intent (classifier, shortcut, fallback, llm_check), for logs */
  decidedBy?: string;
}

export interface TrackerResult { tracker: TrackerJson; messages: BotEvent[] }

export interface PredictResult {
  scores: { action: string; score: number }[];
  policy: string | null;
  confidence: number | null;
  tracker: TrackerJson;
}

/** One message of the state's recent history (rasa-compat has no such view: Parley's own). */
export interface StateMessage {
  role: 'user' | 'bot';
  text: string | null;
  /** epoch seconds */
  timestamp: number;
  /** user messages: the parsed intent, its confidence and the path that decided it */
  intent?: string | null;
  confidence?: number | null;
  decided_by?: string | null;
  /** bot messages: buttons, image, attachment, custom (as in the `bot` event's data) */
  buttons?: unknown[];
  image?: string;
  attachment?: unknown;
  custom?: unknown;
}

export interface StateEntity { entity: string; value: unknown; start?: number; end?: number; extractor?: string }

export interface StateIntent { name: string; confidence: number | null; decided_by: string | null }

/** GET /conversations/{id}/state: what a bot author wants to see of a conversation right now. */
export interface ConversationState {
  conversation_id: string;
  /** the seq of the last stored event (0 for a conversation that does not exist yet) */
  seq: number;
  slots: Record<string, unknown>;
  active_form: string | null;
  requested_slot: string | null;
  latest_intent: StateIntent | null;
  /** entities of the latest user message */
  entities: StateEntity[];
  /** the most recent user and bot messages of the current session, oldest first */
  messages: StateMessage[];
  /** true when sensitive slot and entity values are masked (the caller is not authorised) */
  masked: boolean;
}

/** What one saved change did: the user turn when there was one (else user_text is null). */
export interface TurnRecord {
  user_text: string | null;
  intent: { name: string; confidence: number } | null;
  intent_ranking: { name: string; confidence: number }[];
  entities: StateEntity[];
  decided_by: string | null;
  /** the policies that chose the turn's actions, in order (RulePolicy, TEDPolicy, ...) */
  policies: string[];
  bot_messages: StateMessage[];
  latency_ms: number | null;
  /** `metadata.client_id` of the user message: lets a web page recognise its own turns */
  client_id: string | null;
}

/** Published after every saved turn or append of a conversation, across processes. */
export interface StateChange {
  conversation_id: string;
  state: ConversationState;
  turn: TurnRecord;
}

export type StateListener = (change: StateChange) => void;

/** Several channel user ids (a mini-program openid, a web login) linked to one conversation id. */
export interface IdentityLinks {
  link(channelUserId: string, conversationId: string): Promise<void>;
  /** the linked conversation id, or undefined when the id is not linked */
  resolve(channelUserId: string): Promise<string | undefined>;
  /** false when the id was not linked */
  unlink(channelUserId: string): Promise<boolean>;
}

export interface AgentStatus { model_file: string; model_id: string; num_active_training_jobs: number }

export interface Agent {
  /** `onQueued`: see LockOptions (the turn holds its place in the conversation's queue) */
  handleMessage(msg: IncomingMessage, onBotEvent?: BotEventListener, opts?: { onQueued?: () => void }): Promise<TurnResult>;
  parse(text: string, messageId?: string): Promise<ParseData>;
  /** The tracker; a new conversation gets the session start sequence (not saved). */
  tracker(conversationId: string, opts?: { verbosity?: EventVerbosity; until?: number }): Promise<TrackerJson>;
  conversationExists(conversationId: string): Promise<boolean>;
  appendEvents(conversationId: string, events: Event[], opts?: { verbosity?: EventVerbosity; onBotEvent?: BotEventListener }): Promise<TrackerJson>;
  replaceEvents(conversationId: string, events: Event[], opts?: { verbosity?: EventVerbosity }): Promise<TrackerJson>;
  /** POST /messages: log a user message without predicting. */
  logMessage(msg: IncomingMessage, opts?: { verbosity?: EventVerbosity }): Promise<TrackerJson>;
  triggerIntent(conversationId: string, intent: string, entities: unknown, opts?: { verbosity?: EventVerbosity; onBotEvent?: BotEventListener }): Promise<TrackerResult>;
  predict(conversationId: string, opts?: { verbosity?: EventVerbosity }): Promise<PredictResult>;
  execute(conversationId: string, action: { name: string; policy?: string | null; confidence?: number | null }, opts?: { verbosity?: EventVerbosity; onBotEvent?: BotEventListener }): Promise<TrackerResult>;
  /** The conversation as a YAML test story. */
  story(conversationId: string, opts?: { until?: number; allSessions?: boolean }): Promise<string>;
  domainJson(): Record<string, unknown>;
  domainYaml(): string;
  intentNames(): string[];
  status(): AgentStatus;
  /** Slots, form, latest intent and recent messages; sensitive values masked unless `authorized`. */
  state(conversationId: string, opts: { authorized: boolean; recent?: number }): Promise<ConversationState>;
  /**
   * Calls `listener` after every saved change of the conversation, whichever process made it.
   * Changes travel masked; an `authorized` subscriber gets them with plaintext (re-read from the
   * store). Returns the unsubscribe function.
   */
  subscribe(conversationId: string, listener: StateListener, opts?: { authorized?: boolean }): () => void;
  readonly identities: IdentityLinks;
  /** the language of the bot ('zh', 'en'): picks the friendly error text */
  readonly language: string;
  close(): Promise<void>;
}
