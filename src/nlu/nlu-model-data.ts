// The persisted form of a trained NLU model, versioned: JSON-shaped, with weights as PackedArrays
// (raw sections in a model archive, base64 when the data is written as JSON).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChineseScript, ComponentConfig } from '../core/index.js';
import { ParleyError } from '../errors.js';
import type { ComponentName } from './pipeline/registry.js';
import { isComponentName } from './pipeline/registry.js';

export { PackedArray, isPackedKind, type PackedKind } from './packed-array.js';

/** Bump when the persisted shape or any component's state changes incompatibly. */
export const NLU_FORMAT_VERSION = 3;

export interface PersistedComponent {
  component: ComponentName;
  name: string;
  key: string;
  options: Record<string, unknown>;
  /** the component's trained state; null for components that learn nothing */
  state: unknown;
}

export interface NluModelData {
  format_version: number;
  fingerprint: string;
  language: string;
  /** the pipeline as config.yml gave it (empty = the default pipeline) */
  config: { language: string; pipeline: ComponentConfig[] };
  components: PersistedComponent[];
  warnings: string[];
  /** `simplified`: the pipeline reads traditional characters as simplified ones and full-width letters and digits as ASCII (chinese-script-fold.ts); absent in older models: as written */
  chinese_script?: ChineseScript;
  /** with chinese_script simplified: folded entity value → the training data's writing of it */
  written_forms?: Record<string, string>;
}

const dataSchema = z.object({
  format_version: z.number(),
  fingerprint: z.string(),
  language: z.string(),
  config: z.object({ language: z.string(), pipeline: z.array(z.looseObject({ name: z.string() })) }),
  components: z.array(z.object({
    component: z.string().refine(isComponentName, { message: 'unknown component' }),
    name: z.string(),
    key: z.string(),
    options: z.record(z.string(), z.unknown()),
    state: z.unknown(),
  })),
  warnings: z.array(z.string()),
  chinese_script: z.enum(['simplified', 'as_written']).optional(),
  written_forms: z.record(z.string(), z.string()).optional(),
});

/** Stable over identical training: hashes everything except the fingerprint itself. */
export function fingerprintOf(data: Omit<NluModelData, 'fingerprint'>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 32);
}

export function validateModelData(data: unknown): NluModelData {
  const version = (data as { format_version?: unknown } | null)?.format_version;
  if (version !== NLU_FORMAT_VERSION) {
    throw new ParleyError('MODEL_INVALID', `NLU model format_version ${String(version)} is not supported (this Parley reads ${NLU_FORMAT_VERSION}): retrain with \`parley train\``);
  }
  // once per load: compiling zod's fast path (its default) costs more than it would save
  const parsed = dataSchema.safeParse(data, { jitless: true });
  if (!parsed.success) throw new ParleyError('MODEL_INVALID', `NLU model data is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data as NluModelData;
}
