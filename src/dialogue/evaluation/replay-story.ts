// Prediction-only replay of one linear test story: NLU is checked, policies predict each
// action, and the story's own events (gold intents, loops, slots) go into the tracker.
import type { Domain, Entity, ParseData, UserStep } from '../../core/index.js';
import {
  ACTION_LISTEN, ACTION_SESSION_START, Tracker, actionEvent, actionExecutionRejectedEvent, activeLoopEvent,
  sessionStartedEvent, slotEvent, slotInitialValues, userEvent,
} from '../../core/index.js';
import type { PolicyEnsemble, Prediction } from '../policy.js';
import type { LinearStep, LinearStory, WrittenStep } from '../stories/index.js';
import { annotateEntities, assertionValue, botTextEvent, entitySlotEvents, storyEntities, userStepEvent } from '../stories/index.js';
import type { StoryFailure } from './story-evaluation.js';

export interface ReplayDeps {
  domain: Domain;
  policies: PolicyEnsemble;
  parse: (text: string) => Promise<ParseData>;
}

export interface Replay {
  failures: StoryFailure[];
  written: WrittenStep[];
  actionsCorrect: number;
  actionsTotal: number;
  userCorrect: number;
  userTotal: number;
}

const baseIntent = (name: string): string => name.split('/')[0] ?? name;

function intentMatches(gold: string, predicted: string | null): boolean {
  if (predicted === null) return false;
  return gold.includes('/') ? gold === predicted : gold === baseIntent(predicted);
}

const entityKey = (e: Pick<Entity, 'entity' | 'value' | 'role' | 'group'>): string =>
  `${e.entity}=${String(e.value ?? '')}#${e.role ?? ''}#${e.group ?? ''}`;

/**
 * Every gold entity is found once, and nothing else: same type, role and group, and the same
 * value, or the gold value as the surface text (an annotation `[两份](quantity)` is satisfied
 * by an extractor that normalizes the value to 2 but reports the text it read).
 */
function entitiesMatch(gold: readonly Entity[], predicted: readonly Entity[]): boolean {
  if (gold.length !== predicted.length) return false;
  const used = new Set<number>();
  return gold.every((g) => {
    const i = predicted.findIndex((p, j) => !used.has(j) && p.entity === g.entity && p.role === g.role && p.group === g.group
      && (String(p.value) === String(g.value) || p.text === String(g.value)));
    if (i < 0) return false;
    used.add(i);
    return true;
  });
}

export class StoryReplay {
  readonly tracker: Tracker;
  readonly out: Replay = { failures: [], written: [], actionsCorrect: 0, actionsTotal: 0, userCorrect: 0, userTotal: 0 };

  constructor(private readonly story: LinearStory, private readonly deps: ReplayDeps) {
    this.tracker = Tracker.fromEvents(story.name, [
      actionEvent(ACTION_SESSION_START), sessionStartedEvent(), actionEvent(ACTION_LISTEN),
    ], slotInitialValues(deps.domain));
  }

  async run(): Promise<Replay> {
    const steps = this.story.steps;
    for (const [i, step] of steps.entries()) await this.step(step, i);
    // a finished story ends with the bot listening, and that prediction is checked too
    const endsWithBot = steps.length > 0 && steps[steps.length - 1]?.kind !== 'user';
    if (!this.story.endsAtCheckpoint && endsWithBot && this.tracker.latestActionName !== ACTION_LISTEN) {
      this.expectAction(ACTION_LISTEN, steps.length, undefined);
    }
    return this.out;
  }

  private async step(step: LinearStep, i: number): Promise<void> {
    switch (step.kind) {
      case 'user': return this.user(step, i);
      case 'action': return this.expectAction(step.name, i, step);
      case 'bot': return this.expectAction(null, i, step, step.text);
      case 'active_loop':
        this.tracker.append(activeLoopEvent(step.name));
        this.out.written.push({ kind: 'active_loop', name: step.name });
        return;
      case 'slot_was_set': {
        const slots = step.slots.map((a) => ({ name: a.name, value: assertionValue(a, this.deps.domain) }));
        for (const s of slots) this.tracker.append(slotEvent(s.name, s.value));
        this.out.written.push({ kind: 'slot_was_set', slots });
        return;
      }
    }
  }

  private predict(expected: string): Prediction {
    let p = this.deps.policies.predict(this.tracker, this.deps.domain);
    const loop = this.tracker.activeLoopName;
    if (p.action !== expected && loop !== null && p.action === loop && loop in this.deps.domain.forms) {
      // the form might have rejected the input: emulate the rejection and ask again
      this.tracker.append(actionExecutionRejectedEvent(loop, p.policy, p.confidence));
      p = this.deps.policies.predict(this.tracker, this.deps.domain);
    }
    return p;
  }

  /**
   * A retrieval action (`utter_faq`) predicted where the story names the response it sends
   * (`utter_faq/hours`) counts as that response when the turn's retrieval intent picks it.
   */
  private fullRetrievalName(predicted: string, expected: string): string {
    if (!expected.startsWith(`${predicted}/`)) return predicted;
    const intent = this.tracker.state.latestMessage?.parse_data.intent;
    const full = intent?.full_retrieval_intent_name;
    return full && predicted === `utter_${baseIntent(full)}` ? `utter_${full}` : predicted;
  }

  /** Predicts, compares, then appends the expected action (a name, or bot text when `name` is null). */
  private expectAction(name: string | null, i: number, step: LinearStep | undefined, botText?: string): void {
    const expected = name ?? botText ?? '';
    const p = this.predict(expected);
    const ok = this.fullRetrievalName(p.action, expected) === expected;
    this.out.actionsTotal++;
    if (ok) this.out.actionsCorrect++;
    else {
      const f: StoryFailure = { stepIndex: i, kind: 'action', expected, predicted: p.action, policy: p.policy, confidence: p.confidence };
      if (step?.source) f.source = step.source;
      this.out.failures.push(f);
    }
    const comment = ok ? undefined : `predicted: ${p.action}`;
    if (name === null) {
      this.tracker.append({ ...botTextEvent(expected), policy: p.policy, confidence: p.confidence });
      this.out.written.push(comment ? { kind: 'bot', text: expected, comment } : { kind: 'bot', text: expected });
      return;
    }
    // a correct prediction is logged as at runtime: the retrieval action itself, and rule-only
    // turns hidden from memoization
    const logged = ok && p.action !== name && name.startsWith(`${p.action}/`) ? p.action : name;
    this.tracker.append(actionEvent(logged, { policy: p.policy, confidence: p.confidence, hideRuleTurn: ok && (p.hideRuleTurn ?? false) }));
    if (step || !ok) this.out.written.push(comment ? { kind: 'action', name, comment } : { kind: 'action', name });
  }

  private async user(step: UserStep, i: number): Promise<void> {
    if (this.tracker.latestActionName !== ACTION_LISTEN) this.expectAction(ACTION_LISTEN, i, undefined);
    const written: Extract<WrittenStep, { kind: 'user' }> = { kind: 'user' };
    if (step.text !== undefined) written.text = step.text;
    if (step.intent !== undefined) written.intent = step.intent;
    if (step.entities.length > 0) written.entities = step.entities.map((e) => ({ entity: e.entity, value: e.value }));
    let gold = userStepEvent(step);
    if (step.text !== undefined && step.text !== '') {
      const parsed = await this.deps.parse(step.text);
      const comment = this.checkUser(step, parsed, i);
      if (comment) written.comment = comment;
      if (step.intent === undefined) gold = { ...userEvent(step.text, { ...parsed, entities: parsed.entities }), timestamp: gold.timestamp };
    }
    this.out.written.push(written);
    this.tracker.append(gold);
    if (gold.event === 'user') for (const e of entitySlotEvents(gold.parse_data.entities, this.deps.domain)) this.tracker.append(e);
  }

  /** Compares NLU with the story; returns the `# predicted:` comment when they differ. */
  private checkUser(step: UserStep, parsed: ParseData, i: number): string | undefined {
    if (step.intent === undefined) return undefined;
    const predictedIntent = parsed.intent?.full_retrieval_intent_name ?? parsed.intent?.name ?? null;
    this.out.userTotal++;
    const failures: StoryFailure[] = [];
    if (!intentMatches(step.intent, predictedIntent)) failures.push({ stepIndex: i, kind: 'intent', expected: step.intent, predicted: predictedIntent ?? 'None' });
    const gold = storyEntities(step.entities);
    if (gold.length > 0 && !entitiesMatch(gold, parsed.entities)) {
      failures.push({ stepIndex: i, kind: 'entities', expected: gold.map(entityKey).join(', '), predicted: parsed.entities.map(entityKey).join(', ') });
    }
    if (failures.length === 0) { this.out.userCorrect++; return undefined; }
    for (const f of failures) { if (step.source) f.source = step.source; this.out.failures.push(f); }
    return `predicted: ${predictedIntent ?? 'None'}: ${annotateEntities(step.text ?? '', parsed.entities)}`;
  }
}
