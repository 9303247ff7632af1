// Labelled utterances for bench/nlu/bot-seeds.ts: a project's test stories' user turns, and files of
// `intent|text` lines with entities marked as in Rasa's training data (`我要[两份](quantity)宫保鸡丁`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface Labelled { intent: string; text: string; entities: string[] }

const MARK = /\[([^\]]+)\]\(([^)]+)\)|\[([^\]]+)\]\{([^}]*"entity"[^}]*)\}/gu;

/** The `type:surface` entry of an entity, `type#role:surface` when it has a role. */
export const entityKey = (type: string, surface: string, role?: string): string => `${type}${role ? `#${role}` : ''}:${surface}`;

/**
 * `[surface](type)`, `[surface](type:value)` or `[surface]{"entity": "type", "role": …}` → plain text and
 * `type:surface` (or `type#role:surface`) entries.
 */
export function unmark(intent: string, marked: string): Labelled {
  let text = '';
  let last = 0;
  const entities: string[] = [];
  for (const m of marked.matchAll(MARK)) {
    const surface = (m[1] ?? m[3]) as string;
    if (m[2] !== undefined) entities.push(entityKey(m[2].split(':')[0] as string, surface));
    else {
      const attrs = JSON.parse(`{${m[4] as string}}`) as { entity: string; role?: string };
      entities.push(entityKey(attrs.entity, surface, attrs.role));
    }
    text += marked.slice(last, m.index) + surface;
    last = m.index + m[0].length;
  }
  return { intent, text: text + marked.slice(last), entities };
}

/** The user turns of tests/test_stories.yml: inline marks, or the step's `entities` list found in the text. */
export function storyTurns(dir: string): Labelled[] {
  const file = join(dir, 'tests', 'test_stories.yml');
  // a project without test stories has no turns to add; a broken file is an error
  if (!existsSync(file)) return [];
  const doc = parseYaml(readFileSync(file, 'utf8')) as { stories?: { steps?: { user?: string; intent?: string; entities?: Record<string, unknown>[] }[] }[] };
  const turns: Labelled[] = [];
  for (const story of doc.stories ?? []) {
    for (const step of story.steps ?? []) {
      if (typeof step.user !== 'string' || typeof step.intent !== 'string' || step.user.startsWith('/')) continue;
      const turn = unmark(step.intent, step.user.trim());
      if (turn.entities.length === 0) {
        for (const e of step.entities ?? []) {
          for (const [type, value] of Object.entries(e)) if (turn.text.includes(String(value))) turn.entities.push(`${type}:${String(value)}`);
        }
      }
      turns.push(turn);
    }
  }
  return turns;
}

export function labelledFile(path: string): Labelled[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((line, k) => {
    const bar = line.indexOf('|');
    if (bar <= 0) throw new Error(`${path}:${k + 1}: expected "intent|text"`);
    return unmark(line.slice(0, bar), line.slice(bar + 1));
  });
}
