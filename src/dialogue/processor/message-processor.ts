// The turn processor (rasa-compat §4 "Message handling"): session start, NLU, user event, slot
// extraction, then predict → run → log until the bot listens, at most N actions per turn.
import type { Domain, Entity, ParseData, Tracker } from '../../core/index.js';
import { ACTION_SESSION_START, SESSION_STARTED_METADATA_SLOT, actionNames, slotEvent, userEvent } from '../../core/index.js';
import type { Action } from '../actions/action.js';
import type { ActionResolver } from '../actions/action-resolver.js';
import type { DialogueLogger } from '../actions/logger.js';
import { silentLogger } from '../actions/logger.js';
import type { PolicyEnsemble } from '../policy.js';
import { extractSlots } from '../slots/extract-slots.js';
import { runStep } from './run-step.js';
import type { StepEnv } from './run-step.js';
import { actionsSinceLatestUser, needsNewSession } from './session.js';
import type { StepPrediction } from './step-prediction.js';
import { FOLLOWUP_POLICY, forcedPrediction, fromPolicyPrediction } from './step-prediction.js';
import type { BotEventListener, BotEventRephraser, TurnOutput } from './turn.js';
import { Turn } from './turn.js';

export interface MessageProcessorDeps {
  domain: Domain;
  policies: PolicyEnsemble;
  /** an ActionRegistry */
  actions: ActionResolver;
  parse: (text: string, opts: { messageId?: string; metadata?: Record<string, unknown> }) => Promise<ParseData>;
  /** Rasa's MAX_NUMBER_OF_PREDICTIONS */
  maxActionsPerTurn?: number;
  logger?: DialogueLogger;
  /** rewords bot events before they are logged and sent (the LLM rephraser; the policy still decides) */
  rephrase?: BotEventRephraser;
}

export interface UserMessage {
  text: string;
  metadata?: Record<string, unknown>;
  inputChannel?: string;
  messageId?: string;
  /** when given, NLU is skipped */
  parseData?: ParseData;
}

export interface PredictionResult {
  action: string;
  policy: string | null;
  confidence: number | null;
  /** every domain action's score, best first */
  scores: { action: string; score: number }[];
}

export interface ExecuteOptions { policy?: string | null; confidence?: number | null; predictAfter?: boolean }

const EXTERNAL_PREFIX = 'EXTERNAL: ';
const newMessageId = (): string => crypto.randomUUID().replace(/-/g, '');

export class MessageProcessor {
  private readonly logger: DialogueLogger;
  private readonly maxActions: number;
  private readonly env: StepEnv;

  constructor(private readonly deps: MessageProcessorDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.maxActions = deps.maxActionsPerTurn ?? 10;
    this.env = { domain: deps.domain, logger: this.logger, extractSlots: (turn) => this.extract(turn) };
  }

  async handleMessage(tracker: Tracker, msg: UserMessage, onBotEvent?: BotEventListener): Promise<TurnOutput> {
    const turn = this.newTurn(tracker, onBotEvent);
    await this.startSessionIfNeeded(turn, msg.metadata);
    await this.logUser(turn, msg);
    await this.predictionLoop(turn);
    return turn.output();
  }

  /** Starts a session when the tracker has none or it expired (the message metadata goes into session_started_metadata). */
  async ensureSession(tracker: Tracker, metadata?: Record<string, unknown>, onBotEvent?: BotEventListener): Promise<TurnOutput> {
    const turn = this.newTurn(tracker, onBotEvent);
    await this.startSessionIfNeeded(turn, metadata);
    return turn.output();
  }

  /** Logs a user message and extracts slots, without predicting (POST /messages). */
  async logMessage(tracker: Tracker, msg: UserMessage): Promise<TurnOutput> {
    const turn = this.newTurn(tracker);
    await this.startSessionIfNeeded(turn, msg.metadata);
    await this.logUser(turn, msg);
    return turn.output();
  }

  /** An external event as a user message `EXTERNAL: <intent>`, then the usual prediction loop. */
  async triggerIntent(tracker: Tracker, intent: string, entities: unknown, onBotEvent?: BotEventListener): Promise<TurnOutput> {
    const turn = this.newTurn(tracker, onBotEvent);
    await this.startSessionIfNeeded(turn);
    const metadata = { is_external: true };
    const text = `${EXTERNAL_PREFIX}${intent}`;
    const parseData: ParseData = { text, intent: { name: intent, confidence: 1 }, entities: toEntities(entities, this.logger), message_id: null, metadata };
    await turn.log([userEvent(text, parseData, { inputChannel: tracker.state.latestInputChannel, metadata })]);
    await this.extract(turn);
    await this.predictionLoop(turn);
    return turn.output();
  }

  /** What the bot would do next, without doing it. */
  predict(tracker: Tracker): PredictionResult {
    const step = this.nextStep(tracker);
    const p = step?.prediction;
    const scores = new Map<string, number>(actionNames(this.deps.domain).map((a) => [a, 0]));
    for (const [a, s] of Object.entries(step?.scores ?? {})) scores.set(a, s);
    if (p) scores.set(p.action, Math.max(scores.get(p.action) ?? 0, p.confidence ?? 0));
    const sorted = [...scores].map(([action, score]) => ({ action, score })).sort((a, b) => b.score - a.score);
    return { action: p?.action ?? '', policy: p?.policy ?? null, confidence: p?.confidence ?? null, scores: sorted };
  }

  /** Runs one named action (POST /execute), then, unless `predictAfter: false`, the prediction loop. */
  async executeAction(tracker: Tracker, name: string, opts: ExecuteOptions = {}, onBotEvent?: BotEventListener): Promise<TurnOutput> {
    const action = this.deps.actions.get(name); // unknown name → ACTION_NOT_FOUND before anything is logged
    const turn = this.newTurn(tracker, onBotEvent);
    await this.startSessionIfNeeded(turn);
    const again = await runStep(turn, this.env, action, forcedPrediction(name, { policy: opts.policy ?? null, confidence: opts.confidence ?? null }));
    if (again && opts.predictAfter !== false) await this.predictionLoop(turn);
    return turn.output();
  }

  private newTurn(tracker: Tracker, onBotEvent?: BotEventListener): Turn {
    return new Turn(tracker, this.logger, onBotEvent, this.deps.rephrase);
  }

  /** NLU (unless parse data is given), the user event, then action_extract_slots. */
  private async logUser(turn: Turn, msg: UserMessage): Promise<void> {
    const messageId = msg.messageId ?? msg.parseData?.message_id ?? newMessageId();
    const metadata = msg.metadata ?? {};
    const parseData = msg.parseData ?? (await this.deps.parse(msg.text, { messageId, ...(msg.metadata ? { metadata } : {}) }));
    await turn.log([userEvent(msg.text, parseData, { inputChannel: msg.inputChannel ?? null, messageId, metadata })]);
    await this.extract(turn);
  }

  private async startSessionIfNeeded(turn: Turn, metadata?: Record<string, unknown>): Promise<void> {
    if (!needsNewSession(turn.tracker, this.deps.domain)) return;
    if (metadata && Object.keys(metadata).length > 0) await turn.log([slotEvent(SESSION_STARTED_METADATA_SLOT, metadata)]);
    const action = this.deps.actions.get(ACTION_SESSION_START);
    await runStep(turn, this.env, action, forcedPrediction(ACTION_SESSION_START));
  }

  private async extract(turn: Turn): Promise<void> {
    const events = await extractSlots(turn.tracker, this.deps.domain, {
      actions: this.deps.actions, channel: turn.tracker.state.latestInputChannel, logger: this.logger,
    });
    await turn.log(events);
  }

  /** A paused conversation only answers the `restart` intent. */
  private shouldHandle(tracker: Tracker): boolean {
    return !tracker.state.paused || tracker.latestIntent === 'restart';
  }

  private async predictionLoop(turn: Turn): Promise<void> {
    const { tracker } = turn;
    while (this.shouldHandle(tracker)) {
      if (actionsSinceLatestUser(tracker.events) >= this.maxActions) {
        this.logger.warn({ sender_id: tracker.senderId, max: this.maxActions }, 'processor.action_limit_reached: stopped predicting more actions');
        return;
      }
      const step = this.nextStep(tracker);
      if (!step) return;
      if (step.prediction.isEndToEnd) await this.extract(turn);
      if (!(await runStep(turn, this.env, step.action, step.prediction))) return;
    }
  }

  /** The followup action if one is pending and known, else the ensemble's choice. */
  private nextStep(tracker: Tracker): { action: Action; prediction: StepPrediction; scores?: Record<string, number> } | undefined {
    const followup = tracker.state.followupAction;
    if (followup) {
      if (this.deps.actions.has(followup)) {
        return { action: this.deps.actions.get(followup), prediction: forcedPrediction(followup, { policy: FOLLOWUP_POLICY, confidence: 1 }) };
      }
      this.logger.error({ sender_id: tracker.senderId, action: followup }, 'processor.followup.unknown_action: continuing with policies');
    }
    const prediction = this.deps.policies.predict(tracker, this.deps.domain);
    try {
      const action = this.deps.actions.get(prediction.action);
      return { action, prediction: fromPolicyPrediction(prediction), ...(prediction.scores ? { scores: prediction.scores } : {}) };
    } catch (err) {
      this.logger.error({ sender_id: tracker.senderId, action: prediction.action, err: (err as Error).message }, 'processor.prediction.unknown_action');
      return undefined;
    }
  }
}

/** Entities of trigger_intent: a list of entities or an {entity: value} object. */
function toEntities(raw: unknown, logger: DialogueLogger): Entity[] {
  if (raw === null || raw === undefined) return [];
  if (Array.isArray(raw)) return raw.filter((e): e is Entity => typeof e === 'object' && e !== null && typeof (e as Entity).entity === 'string');
  if (typeof raw === 'object') return Object.entries(raw).map(([entity, value]) => ({ entity, value }));
  logger.warn({ entities: String(raw) }, 'processor.trigger_intent.invalid_entities');
  return [];
}
