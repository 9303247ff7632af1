// What a turn tells the seed's indicators: which form slots were asked for, and which asks
// failed (the form was rejected, or asked the same slot again).
import type { Event } from './core/index.js';
import { REQUESTED_SLOT } from './core/index.js';
import type { ParleyMetrics } from './observability/metrics.js';

export interface FormPosition { form: string | null; requestedSlot: string | null }

export function recordFormMetrics(metrics: Pick<ParleyMetrics, 'formSlotRequested' | 'formSlotFillFailed'>, before: FormPosition, newEvents: readonly Event[]): void {
  let form = before.form;
  let failed = false;
  for (const e of newEvents) {
    if (e.event === 'active_loop') form = e.name;
    else if (e.event === 'action_execution_rejected' && before.form && e.name === before.form && before.requestedSlot && !failed) {
      failed = true;
      metrics.formSlotFillFailed({ form: before.form, slot: before.requestedSlot });
    } else if (e.event === 'slot' && e.name === REQUESTED_SLOT && typeof e.value === 'string' && form) {
      metrics.formSlotRequested({ form, slot: e.value });
      if (!failed && form === before.form && e.value === before.requestedSlot) {
        failed = true;
        metrics.formSlotFillFailed({ form, slot: e.value });
      }
    }
  }
}
