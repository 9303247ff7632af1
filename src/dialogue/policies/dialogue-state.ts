// Rasa-like dialogue states: what a policy sees of one turn (user, previous action, loop, slots).

/** A rule's "must not be set" marker for slots and active_loop (`null` in a rule). */
export const SHOULD_NOT_BE_SET = '__should_not_be_set__';

export interface UserSubState {
  intent?: string;
  /** end-to-end text, only when there is no intent */
  text?: string;
  /** featurized entity labels (`entity`, `entity#role`, `entity#group`), sorted */
  entities?: string[];
}

export type PrevActionSubState = { name: string } | { text: string };

export interface DialogueState {
  user?: UserSubState;
  prevAction?: PrevActionSubState;
  activeLoop?: string;
  /** slot → feature; slots whose feature is all zeros (unset) are left out */
  slots?: Record<string, string>;
}

/** A canonical string for a state: equal states give equal keys. */
export function stateKey(s: DialogueState): string {
  const parts: string[] = [];
  if (s.user) {
    const u = s.user;
    parts.push(`u:${u.intent ?? ''}|${u.text ?? ''}|${(u.entities ?? []).join(',')}`);
  }
  if (s.prevAction) parts.push('name' in s.prevAction ? `a:${s.prevAction.name}` : `t:${s.prevAction.text}`);
  if (s.activeLoop !== undefined) parts.push(`l:${s.activeLoop}`);
  if (s.slots) {
    const names = Object.keys(s.slots).sort();
    if (names.length > 0) parts.push(`s:${names.map((n) => `${n}=${s.slots?.[n]}`).join(',')}`);
  }
  return `{${parts.join(';')}}`;
}

/** How many features a state has (more features = a more specific rule). */
export function featureCount(s: DialogueState): number {
  let n = 0;
  if (s.user) n += (s.user.intent ? 1 : 0) + (s.user.text ? 1 : 0) + (s.user.entities?.length ?? 0);
  if (s.prevAction) n += 1;
  if (s.activeLoop !== undefined) n += 1;
  if (s.slots) n += Object.keys(s.slots).length;
  return n;
}

export const prevActionName = (s: DialogueState | undefined): string | undefined =>
  s?.prevAction && 'name' in s.prevAction ? s.prevAction.name : undefined;
