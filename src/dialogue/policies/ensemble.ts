// Combining policy predictions as Rasa's ensemble does: rejected actions get 0, no-user
// predictions beat everything, then end-to-end ones, then max (confidence, priority).
import type { Domain, Event, Tracker } from '../../core/index.js';
import { ACTION_LISTEN, actionNames, loopInterruptedEvent, userFeaturizationEvent } from '../../core/index.js';
import type { Policy, Prediction } from '../policy.js';

/** The loop action whose execution was rejected last, if the latest action-ish event is that rejection. */
export function rejectedAction(tracker: Tracker): string | undefined {
  const events = tracker.events;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as Event;
    if (e.event === 'action_execution_rejected') return e.name;
    if (e.event === 'action') return undefined;
  }
  return undefined;
}

/** A prediction with the rejected action's score set to 0 (its best remaining action wins inside it). */
function withoutRejected(p: Prediction, rejected: string | undefined): Prediction {
  if (rejected === undefined || p.action !== rejected) return p;
  const scores = { ...(p.scores ?? {}), [rejected]: 0 };
  let action = ACTION_LISTEN;
  let confidence = 0;
  for (const [a, s] of Object.entries(scores)) if (s > confidence) { action = a; confidence = s; }
  return { ...p, action, confidence, scores };
}

export function pickBest(predictions: readonly Prediction[]): Prediction | undefined {
  const noUser = predictions.some((p) => p.isNoUserPrediction);
  const e2e = predictions.some((p) => p.isEndToEnd);
  let best: Prediction | undefined;
  for (const p of predictions) {
    if (Boolean(p.isNoUserPrediction) !== noUser) continue;
    if (!noUser && Boolean(p.isEndToEnd) !== e2e) continue;
    if (!best || p.confidence > best.confidence || (p.confidence === best.confidence && p.priority > best.priority)) best = p;
  }
  return best;
}

/** Events Rasa logs with the prediction: an interrupted loop, then how the user turn was featurized. */
function policyEvents(tracker: Tracker, winner: Prediction, all: readonly Prediction[]): Event[] {
  const events: Event[] = all.flatMap((p) => p.events ?? []);
  const loop = tracker.activeLoopName;
  const afterUser = tracker.latestActionName === ACTION_LISTEN;
  if (loop && afterUser && winner.action !== loop && winner.action !== ACTION_LISTEN && !events.some((e) => e.event === 'loop_interrupted')) {
    events.push(loopInterruptedEvent(true));
  }
  if (afterUser) events.push(userFeaturizationEvent(Boolean(winner.isEndToEnd)));
  return events;
}

/** Scores for every action of the domain (the winner's; 0 for the rest), as POST /predict reports them. */
function fullScores(domain: Domain, winner: Prediction): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const a of actionNames(domain)) scores[a] = 0;
  for (const [a, s] of Object.entries(winner.scores ?? { [winner.action]: winner.confidence })) scores[a] = s;
  return scores;
}

export interface EnsembleOptions {
  /** answered when no policy predicts anything (RulePolicy without fallback prediction) */
  fallbackAction: string;
}

export function ensemblePredict(policies: readonly Policy[], tracker: Tracker, domain: Domain, opts: EnsembleOptions): Prediction {
  const rejected = rejectedAction(tracker);
  const predictions: Prediction[] = [];
  for (const policy of policies) {
    const p = policy.predict(tracker, domain);
    if (p) predictions.push(withoutRejected(p, rejected));
  }
  const winner = pickBest(predictions)
    ?? { action: opts.fallbackAction, confidence: 0, policy: 'PolicyEnsemble', priority: 0 };
  return { ...winner, events: policyEvents(tracker, winner, predictions), scores: fullScores(domain, winner) };
}
