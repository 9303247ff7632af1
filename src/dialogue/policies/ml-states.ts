// The states an ML policy (memoization) sees: Rasa's `ignore_rule_only_turns`. Turns a rule
// predicted and no story covers (`hide_rule_turn`) are left out, and slots or loops that only
// rules mention are dropped, so stories that never mention those turns still match.
import type { Domain, Event, TrackerState } from '../../core/index.js';
import type { TrainingTrackers } from '../stories/index.js';
import type { DialogueState, PrevActionSubState } from './dialogue-state.js';
import { prevActionName } from './dialogue-state.js';
import { priorStates } from './featurize.js';

/** Slots and loops that appear in rules but in no story. */
export interface RuleOnlyData { slots: string[]; loops: string[] }

export const NO_RULE_ONLY_DATA: RuleOnlyData = { slots: [], loops: [] };

function slotsAndLoops(trackers: TrainingTrackers['stories']): { slots: Set<string>; loops: Set<string> } {
  const slots = new Set<string>();
  const loops = new Set<string>();
  for (const t of trackers) {
    for (const e of t.events) {
      if (e.event === 'slot') slots.add(e.name);
      if (e.event === 'active_loop' && e.name) loops.add(e.name);
    }
  }
  return { slots, loops };
}

export function ruleOnlyData(trackers: Pick<TrainingTrackers, 'stories' | 'rules'>): RuleOnlyData {
  const inRules = slotsAndLoops(trackers.rules);
  const inStories = slotsAndLoops(trackers.stories);
  return {
    slots: [...inRules.slots].filter((s) => !inStories.slots.has(s)).sort(),
    loops: [...inRules.loops].filter((l) => !inStories.loops.has(l)).sort(),
  };
}

function withoutRuleOnlyFeatures(state: DialogueState, ruleOnly: RuleOnlyData): DialogueState {
  const out: DialogueState = { ...state };
  if (out.slots && ruleOnly.slots.length > 0) {
    const slots = Object.fromEntries(Object.entries(out.slots).filter(([name]) => !ruleOnly.slots.includes(name)));
    if (Object.keys(slots).length > 0) out.slots = slots;
    else delete out.slots;
  }
  if (out.activeLoop !== undefined && ruleOnly.loops.includes(out.activeLoop)) delete out.activeLoop;
  return out;
}

/** A turn that is not a reaction to the user keeps the user input of the last visible state. */
function substituteUserInput(state: DialogueState, lastVisible: DialogueState): void {
  if (prevActionName(state) === 'action_listen') return;
  if (lastVisible.user) state.user = lastVisible.user;
  else delete state.user;
}

/** The loop ran last (its happy path) or a followup is pending: such turns keep the previous turn's visibility. */
function keepsVisibility(before: TrackerState): boolean {
  const latest = before.latestAction && 'action_name' in before.latestAction ? before.latestAction.action_name : undefined;
  return before.followupAction !== null || (before.activeLoop !== null && latest === before.activeLoop.name);
}

/** The states of a history as memoization sees them, the last one being the state to predict from. */
export function mlStates(events: readonly Event[], domain: Domain, opts: { initialSlots?: Readonly<Record<string, unknown>>; ruleOnly: RuleOnlyData }): DialogueState[] {
  const featurize = opts.initialSlots ? { initialSlots: opts.initialSlots } : {};
  const out: DialogueState[] = [];
  let lastVisiblePrev: PrevActionSubState | undefined;
  let hidden = false;
  for (const p of priorStates(events, domain, featurize)) {
    if (!hidden) lastVisiblePrev = p.state.prevAction;
    if (!keepsVisibility(p.before)) hidden = p.action?.hide_rule_turn ?? false;
    if (hidden) continue;
    const state = withoutRuleOnlyFeatures(p.state, opts.ruleOnly);
    const last = out[out.length - 1];
    if (last) substituteUserInput(state, last);
    // after hidden turns the previous action is the last one the ML policies saw
    if (lastVisiblePrev) state.prevAction = lastVisiblePrev;
    out.push(state);
  }
  return out;
}
