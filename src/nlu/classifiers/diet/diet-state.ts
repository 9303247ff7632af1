// The persisted state of a trained DIETClassifier (versioned: a change of shape bumps `version`).
import { z } from 'zod';
import { intentHeadSchema } from './intent/intent-head.js';
import { attributeClassifierSchema } from './roles/attribute-classifier.js';
import { entityHeadSchema } from './tagging/entity-head.js';

export const DIET_STATE_VERSION = 2;

export const dietStateSchema = z.object({
  version: z.literal(DIET_STATE_VERSION),
  intent: intentHeadSchema.nullable(),
  entities: entityHeadSchema.nullable(),
  roles: attributeClassifierSchema.nullable(),
  groups: attributeClassifierSchema.nullable(),
});
export type DietState = z.infer<typeof dietStateSchema>;
