// Checkpoints and `or` steps → linear stories. A story ending in a checkpoint continues with
// every story starting with it (when that start's slot conditions hold); cycles and
// combinatorial explosion are cut by a per-path repeat limit and a global path cap.
import type { CheckpointStep, SlotAssertion, SourceRef, Story, StoryStep } from '../../core/index.js';
import type { LinearStep, LinearStory } from './linear-story.js';

export interface ExpandOptions {
  /** stop after this many linear stories (default 10 000) */
  maxPaths?: number;
  /** how often one story may appear in a single path (cycles through checkpoints; default 2) */
  maxRepeats?: number;
}

export interface ExpandResult { stories: LinearStory[]; warnings: string[] }

interface Segment {
  story: Story;
  starts: CheckpointStep[];
  steps: StoryStep[];
  ends: string[];
}

/** Splits a story at its checkpoints: leading ones are starts, trailing ones ends, middle ones split. */
function segmentsOf(story: Story): Segment[] {
  const segments: Segment[] = [];
  let current: Segment = { story, starts: [], steps: [], ends: [] };
  for (const step of story.steps) {
    if (step.kind !== 'checkpoint') {
      if (current.ends.length > 0) {
        segments.push(current);
        current = { story, starts: current.ends.map((name) => ({ kind: 'checkpoint', name })), steps: [], ends: [] };
      }
      current.steps.push(step);
    } else if (current.steps.length === 0) current.starts.push(step);
    else current.ends.push(step.name);
  }
  segments.push(current);
  return segments;
}

/** Slot values a path has asserted so far (slot_was_set steps), to check start conditions. */
function assertedSlots(steps: readonly LinearStep[]): Map<string, unknown> {
  const slots = new Map<string, unknown>();
  for (const s of steps) if (s.kind === 'slot_was_set') for (const a of s.slots) slots.set(a.name, a.anyValue ? true : a.value);
  return slots;
}

function conditionsHold(conditions: SlotAssertion[] | undefined, steps: readonly LinearStep[]): boolean {
  if (!conditions || conditions.length === 0) return true;
  const slots = assertedSlots(steps);
  return conditions.every((c) => {
    const v = slots.get(c.name);
    if (c.anyValue) return v !== undefined && v !== null;
    return (v ?? null) === (c.value ?? null);
  });
}

/** Expands `or` steps: every combination of alternatives. */
function expandOrs(steps: readonly StoryStep[], cap: number): { variants: LinearStep[][]; truncated: boolean } {
  let variants: LinearStep[][] = [[]];
  let truncated = false;
  for (const step of steps) {
    if (step.kind === 'checkpoint') continue;
    const options: LinearStep[] = step.kind === 'or' ? step.alternatives : [step];
    const next: LinearStep[][] = [];
    for (const v of variants) for (const o of options) {
      if (next.length < cap) next.push([...v, o]);
      else truncated = true;
    }
    variants = next;
  }
  return { variants, truncated };
}

class Expander {
  readonly out: LinearStory[] = [];
  readonly warnings: string[] = [];
  private capped = false;
  private readonly byStart = new Map<string, Segment[]>();

  constructor(private readonly maxPaths: number, private readonly maxRepeats: number, segments: Segment[]) {
    for (const seg of segments) for (const cp of seg.starts) {
      const list = this.byStart.get(cp.name) ?? [];
      list.push(seg);
      this.byStart.set(cp.name, list);
    }
  }

  walk(seg: Segment, prefix: LinearStep[], parts: Segment[]): void {
    const { variants, truncated } = expandOrs(seg.steps, this.maxPaths);
    if (truncated) this.warnCap();
    for (const variant of variants) {
      if (this.full()) return;
      const steps = [...prefix, ...variant];
      const path = [...parts, seg];
      const next = this.continuations(seg, steps, path);
      if (next.length === 0) this.emit(steps, path);
      for (const n of next) this.walk(n, steps, path);
    }
  }

  private continuations(seg: Segment, steps: LinearStep[], path: Segment[]): Segment[] {
    const next: Segment[] = [];
    for (const end of seg.ends) {
      for (const cand of this.byStart.get(end) ?? []) {
        const cp = cand.starts.find((s) => s.name === end);
        if (!conditionsHold(cp?.slotWasSet, steps)) continue;
        if (path.filter((p) => p === cand).length >= this.maxRepeats) continue; // a cycle
        next.push(cand);
      }
    }
    return next;
  }

  private emit(steps: LinearStep[], path: Segment[]): void {
    if (this.full()) return;
    const names: string[] = [];
    const parts: { name: string; source: SourceRef }[] = [];
    for (const p of path) {
      if (names[names.length - 1] !== p.story.name) names.push(p.story.name);
      if (!parts.some((x) => x.name === p.story.name && x.source === p.story.source)) parts.push({ name: p.story.name, source: p.story.source });
    }
    const first = path[0] as Segment;
    const last = path[path.length - 1] as Segment;
    this.out.push({ name: names.join(' > '), source: first.story.source, steps, parts, endsAtCheckpoint: last.ends.length > 0 });
  }

  private full(): boolean {
    if (this.out.length < this.maxPaths) return false;
    this.warnCap();
    return true;
  }

  private warnCap(): void {
    if (!this.capped) this.warnings.push(`story expansion stopped at ${this.maxPaths} paths (checkpoints/or steps multiply too much)`);
    this.capped = true;
  }
}

/** Resolves checkpoints and `or` steps of a set of stories into linear stories. */
export function expandStories(stories: readonly Story[], opts: ExpandOptions = {}): ExpandResult {
  const segments = stories.flatMap(segmentsOf);
  const expander = new Expander(opts.maxPaths ?? 10_000, opts.maxRepeats ?? 2, segments);
  const used = new Set<string>();
  for (const seg of segments) for (const e of seg.ends) used.add(e);
  for (const seg of segments) {
    for (const cp of seg.starts) {
      if (!used.has(cp.name)) expander.warnings.push(`checkpoint "${cp.name}" (${where(cp.source ?? seg.story.source)}) is never reached: no story ends with it`);
    }
    if (seg.starts.length === 0) expander.walk(seg, [], []);
  }
  return { stories: expander.out, warnings: expander.warnings };
}

const where = (s: SourceRef): string => `${s.file}:${s.line}`;
