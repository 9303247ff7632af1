// Slot featurization as Rasa does it: only the feature matters, not the value itself.
import type { SlotDefinition } from '../../core/index.js';

function boolOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['true', '1', 'yes', 'y', 'on'].includes(s)) return true;
    if (['false', '0', 'no', 'n', 'off', ''].includes(s)) return false;
  }
  return undefined;
}

function floatFeature(def: SlotDefinition, v: unknown): string | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return undefined;
  const min = def.minValue ?? 0;
  const max = def.maxValue ?? 1;
  const scaled = max > min ? Math.min(1, Math.max(0, (n - min) / (max - min))) : 1;
  return scaled === 0 ? undefined : String(Math.round(scaled * 1e6) / 1e6);
}

function categoricalFeature(def: SlotDefinition, v: unknown): string | undefined {
  const values = def.values ?? [];
  const s = String(v).toLowerCase();
  if (values.includes(s)) return s;
  return values.includes('__other__') ? '__other__' : undefined;
}

/**
 * The feature of a slot value, or undefined when the feature is all zeros (the slot counts
 * as unset) or the slot does not influence the conversation.
 * text/custom → set or not; bool → value; categorical → value; float → scaled; list → non-empty.
 */
export function slotFeature(def: SlotDefinition, value: unknown): string | undefined {
  if (!def.influenceConversation || def.type === 'any') return undefined;
  if (value === null || value === undefined) return undefined;
  switch (def.type) {
    case 'text': case 'custom': return '1';
    case 'bool': { const b = boolOf(value); return b === undefined ? undefined : String(b); }
    case 'categorical': return categoricalFeature(def, value);
    case 'float': return floatFeature(def, value);
    case 'list': return Array.isArray(value) && value.length > 0 ? '1' : undefined;
  }
}
