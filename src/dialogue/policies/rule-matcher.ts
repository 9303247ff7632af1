// Finds the most specific rule patterns that apply to a conversation's states.
import type { DialogueState } from './dialogue-state.js';
import type { RulePattern } from './rule-patterns.js';
import { patternApplies, specificity } from './rule-patterns.js';

const START = '<start>';

function indexKey(s: DialogueState | undefined): string {
  if (!s?.prevAction) return START;
  return 'name' in s.prevAction ? `a:${s.prevAction.name}` : `t:${s.prevAction.text}`;
}

export class RuleMatcher {
  /** patterns grouped by the previous action of their last state: only those can match */
  private readonly index = new Map<string, RulePattern[]>();

  constructor(readonly patterns: readonly RulePattern[]) {
    for (const p of patterns) {
      const key = indexKey(p.states[p.states.length - 1]);
      const list = this.index.get(key) ?? [];
      list.push(p);
      this.index.set(key, list);
    }
  }

  /** The applicable patterns of the highest specificity (usually one; several = a tie). */
  best(conv: readonly DialogueState[]): RulePattern[] {
    const current = conv[conv.length - 1];
    const candidates = this.index.get(indexKey(current)) ?? [];
    let best: RulePattern[] = [];
    let top: [number, number] = [-1, -1];
    for (const p of candidates) {
      if (!patternApplies(p, conv)) continue;
      const s = specificity(p);
      const cmp = s[0] - top[0] || s[1] - top[1];
      if (cmp > 0) { best = [p]; top = s; } else if (cmp === 0) best.push(p);
    }
    return best;
  }
}

