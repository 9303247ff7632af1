// A tiny rule-like PolicyEnsemble for tests: loop happy path, then intent/after-action rules, else listen.
import type { Domain, Tracker } from '../../core/index.js';
import { ACTION_LISTEN } from '../../core/index.js';
import type { PolicyEnsemble, Prediction } from '../policy.js';

export interface ScriptedRule {
  /** matches right after the user said this intent */
  intent?: string;
  /** matches right after this action ran */
  after?: string;
  action: string;
  /** only while a loop is active (unhappy-path rules: chitchat inside a form, then back to the form) */
  inLoop?: boolean;
}

const predict = (action: string, policy = 'ScriptedPolicy'): Prediction => ({ action, confidence: 1, policy, priority: 4 });

export class ScriptedPolicy implements PolicyEnsemble {
  readonly calls: string[] = [];

  constructor(private readonly rules: ScriptedRule[]) {}

  predict(tracker: Tracker, _domain: Domain): Prediction {
    const p = this.choose(tracker);
    this.calls.push(p.action);
    return p;
  }

  private choose(tracker: Tracker): Prediction {
    const loop = tracker.state.activeLoop;
    const last = tracker.latestActionName;
    if (loop && !loop.rejected) {
      if (last === loop.name) return predict(ACTION_LISTEN, 'LoopPolicy');
      if (last === ACTION_LISTEN) return predict(loop.name, 'LoopPolicy');
    }
    const rejected = rejectedThisTurn(tracker);
    for (const r of this.rules) {
      if ((r.inLoop && !loop) || rejected.has(r.action)) continue;
      if (r.after !== undefined && r.after === last) return predict(r.action);
      if (r.intent !== undefined && last === ACTION_LISTEN && tracker.latestIntent === r.intent) return predict(r.action);
    }
    return predict(ACTION_LISTEN);
  }
}

/** Like Rasa's ensemble: an action just rejected (no action ran since) is not predicted again. */
function rejectedThisTurn(tracker: Tracker): Set<string> {
  for (let i = tracker.events.length - 1; i >= 0; i--) {
    const e = tracker.events[i];
    if (e?.event === 'action_execution_rejected') return new Set([e.name]);
    if (e?.event === 'action') break;
  }
  return new Set();
}

/** Always predicts the same action (for the per-turn action cap). */
export const constantPolicy = (action: string): PolicyEnsemble => ({ predict: () => predict(action) });
