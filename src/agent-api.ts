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

export interface AgentStatus { model_file: string; model_id: string; num_active_training_jobs: number }

export interface Agent {
  handleMessage(msg: IncomingMessage, onBotEvent?: BotEventListener): Promise<TurnResult>;
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
  /** the language of the bot ('zh', 'en'): picks the friendly error text */
  readonly language: string;
  close(): Promise<void>;
}
