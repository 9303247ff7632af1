// MemoizationPolicy (priority 3): replays what followed an identical history in a story.
// AugmentedMemoizationPolicy also retries with the oldest turns forgotten.
import type { Domain, Event, Tracker } from '../../core/index.js';
import { appliedEvents } from '../../core/index.js';
import type { Policy, Prediction } from '../policy.js';
import type { TrainingTracker } from '../stories/index.js';
import type { DialogueState } from './dialogue-state.js';
import { stateKey } from './dialogue-state.js';
import { featurizeEvents } from './featurize.js';
import type { RuleOnlyData } from './ml-states.js';
import { NO_RULE_ONLY_DATA, mlStates } from './ml-states.js';

export const MEMOIZATION_POLICY_PRIORITY = 3;

export type MemoizationName = 'MemoizationPolicy' | 'AugmentedMemoizationPolicy';

export interface MemoizationOptions {
  name: MemoizationName;
  priority: number;
  /** how many recent states form the key; null = the whole history */
  maxHistory: number | null;
}

export interface MemoizationData extends MemoizationOptions {
  lookup: Record<string, string>;
  /** absent in models trained before rule-only turns were hidden */
  ruleOnly?: RuleOnlyData;
}

/** The lookup key of a history: its last `maxHistory` states, marking a history shorter than that. */
export function historyKey(states: readonly DialogueState[], maxHistory: number | null): string {
  const recent = maxHistory === null ? states : states.slice(-maxHistory);
  const padded = maxHistory !== null && states.length < maxHistory ? '<pad>|' : '';
  return padded + recent.map(stateKey).join('|');
}

export class MemoizationPolicy implements Policy {
  constructor(
    readonly options: MemoizationOptions,
    private readonly lookup: ReadonlyMap<string, string>,
    /** slots and loops only rules mention: invisible to memoization at prediction time */
    readonly ruleOnly: RuleOnlyData = NO_RULE_ONLY_DATA,
  ) {}

  get name(): string { return this.options.name; }
  get priority(): number { return this.options.priority; }

  /** Learns every (history → next action) pair of the stories; a history followed by different actions is dropped. */
  static train(storyTrackers: readonly TrainingTracker[], domain: Domain, options: MemoizationOptions, ruleOnly: RuleOnlyData = NO_RULE_ONLY_DATA): MemoizationPolicy {
    const lookup = new Map<string, string>();
    const ambiguous = new Set<string>();
    for (const t of storyTrackers) {
      const { states, actions } = featurizeEvents(t.events, domain);
      actions.forEach((a, i) => {
        if (a.name === null) return;
        const key = historyKey(states.slice(0, i + 1), options.maxHistory);
        if (ambiguous.has(key)) return;
        const known = lookup.get(key);
        if (known !== undefined && known !== a.name) { lookup.delete(key); ambiguous.add(key); }
        else lookup.set(key, a.name);
      });
    }
    return new MemoizationPolicy(options, lookup, ruleOnly);
  }

  static fromData(data: MemoizationData): MemoizationPolicy {
    const { lookup, ruleOnly, ...options } = data;
    return new MemoizationPolicy(options, new Map(Object.entries(lookup)), ruleOnly ?? NO_RULE_ONLY_DATA);
  }

  get size(): number { return this.lookup.size; }

  predict(tracker: Tracker, domain: Domain): Prediction | undefined {
    const applied = appliedEvents(tracker.events);
    const opts = { initialSlots: tracker.initialSlots, ruleOnly: this.ruleOnly };
    let action = this.recall(mlStates(applied, domain, opts));
    if (action === undefined && this.options.name === 'AugmentedMemoizationPolicy') action = this.recallForgetting(applied, domain, opts);
    if (action === undefined) return undefined;
    return { action, confidence: 1, policy: this.name, priority: this.priority, scores: { [action]: 1 } };
  }

  private recall(states: readonly DialogueState[]): string | undefined {
    return this.lookup.get(historyKey(states, this.options.maxHistory));
  }

  /** Drops the history before the 2nd, 3rd, ... action and tries again (Rasa's "back to the future"). */
  private recallForgetting(applied: readonly Event[], domain: Domain, opts: Parameters<typeof mlStates>[2]): string | undefined {
    let seen = 0;
    for (let i = 0; i < applied.length; i++) {
      if (applied[i]?.event !== 'action' || seen++ === 0) continue;
      const action = this.recall(mlStates(applied.slice(i), domain, opts));
      if (action !== undefined) return action;
    }
    return undefined;
  }

  persist(): MemoizationData {
    return { ...this.options, lookup: Object.fromEntries(this.lookup), ruleOnly: this.ruleOnly };
  }
}
