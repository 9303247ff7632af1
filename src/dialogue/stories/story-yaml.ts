// Writes stories (test-story style) as YAML, with optional `# predicted: ...` comments.
import { stringify } from 'yaml';

export type WrittenStep =
  | { kind: 'user'; text?: string; intent?: string; entities?: { entity: string; value?: unknown }[]; comment?: string }
  | { kind: 'action'; name: string; comment?: string }
  | { kind: 'bot'; text: string; comment?: string }
  | { kind: 'active_loop'; name: string | null }
  | { kind: 'slot_was_set'; slots: { name: string; value: unknown }[] };

export interface WrittenStory { name: string; steps: WrittenStep[] }

/** A YAML scalar (or JSON flow collection) that round-trips on one line. */
export function yamlScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v.includes('\n') ? JSON.stringify(v) : stringify(v, { lineWidth: 0 }).trimEnd();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const withComment = (line: string, comment: string | undefined): string => (comment ? `${line}  # ${comment}` : line);

function userLines(step: Extract<WrittenStep, { kind: 'user' }>): string[] {
  const lines: string[] = [];
  const text = step.text;
  const blockSafe = text !== undefined && text.trim() !== '' && !/^\s/.test(text);
  if (text !== undefined && blockSafe) {
    lines.push('  - user: |');
    for (const l of text.replace(/\s+$/, '').split('\n')) lines.push(`      ${l}`);
  } else if (text !== undefined) lines.push(`  - user: ${yamlScalar(text)}`);
  if (step.intent !== undefined) {
    const key = lines.length > 0 ? '    intent' : '  - intent';
    lines.push(withComment(`${key}: ${yamlScalar(step.intent)}`, step.comment));
  } else if (step.comment && lines.length > 0) lines[lines.length - 1] += `  # ${step.comment}`;
  if (step.entities && step.entities.length > 0 && lines.length > 0) {
    lines.push('    entities:');
    for (const e of step.entities) lines.push(e.value === undefined ? `    - ${yamlScalar(e.entity)}` : `    - ${yamlScalar(e.entity)}: ${yamlScalar(e.value)}`);
  }
  return lines;
}

function stepLines(step: WrittenStep): string[] {
  switch (step.kind) {
    case 'user': return userLines(step);
    case 'action': return [withComment(`  - action: ${yamlScalar(step.name)}`, step.comment)];
    case 'bot': return [withComment(`  - bot: ${yamlScalar(step.text)}`, step.comment)];
    case 'active_loop': return [`  - active_loop: ${yamlScalar(step.name)}`];
    case 'slot_was_set': return ['  - slot_was_set:', ...step.slots.map((s) => `    - ${yamlScalar(s.name)}: ${yamlScalar(s.value)}`)];
  }
}

/** The `stories:` YAML document for the given stories. */
export function writeStoriesYaml(stories: readonly WrittenStory[]): string {
  if (stories.length === 0) return 'version: "3.1"\nstories: []\n';
  const lines = ['version: "3.1"', 'stories:'];
  for (const story of stories) {
    lines.push(`- story: ${yamlScalar(story.name)}`, '  steps:');
    for (const step of story.steps) lines.push(...stepLines(step).map((l) => `  ${l}`));
  }
  return `${lines.join('\n')}\n`;
}
