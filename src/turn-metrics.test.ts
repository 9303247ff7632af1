import { describe, expect, it } from 'vitest';
import { actionExecutionRejectedEvent, activeLoopEvent, slotEvent } from './core/index.js';
import { recordFormMetrics } from './turn-metrics.js';

function recorder() {
  const requested: string[] = [];
  const failed: string[] = [];
  return {
    requested, failed,
    metrics: {
      formSlotRequested: (s: { form: string; slot: string }) => { requested.push(`${s.form}.${s.slot}`); },
      formSlotFillFailed: (s: { form: string; slot: string }) => { failed.push(`${s.form}.${s.slot}`); },
    },
  };
}

describe('form metrics of a turn', () => {
  it('counts a request at activation and no failure', () => {
    const r = recorder();
    recordFormMetrics(r.metrics, { form: null, requestedSlot: null }, [activeLoopEvent('order_form'), slotEvent('requested_slot', 'quantity')]);
    expect(r.requested).toEqual(['order_form.quantity']);
    expect(r.failed).toEqual([]);
  });

  it('counts a failure when the form asks the same slot again', () => {
    const r = recorder();
    recordFormMetrics(r.metrics, { form: 'order_form', requestedSlot: 'address' }, [slotEvent('quantity', '三份'), slotEvent('requested_slot', 'address')]);
    expect(r.requested).toEqual(['order_form.address']);
    expect(r.failed).toEqual(['order_form.address']);
  });

  it('counts a rejection once, and a successful fill as no failure', () => {
    const r = recorder();
    recordFormMetrics(r.metrics, { form: 'order_form', requestedSlot: 'phone' }, [actionExecutionRejectedEvent('order_form'), slotEvent('requested_slot', 'phone')]);
    expect(r.failed).toEqual(['order_form.phone']);
    const ok = recorder();
    recordFormMetrics(ok.metrics, { form: 'order_form', requestedSlot: 'phone' }, [slotEvent('phone', '13812345678'), slotEvent('requested_slot', 'address')]);
    expect(ok.failed).toEqual([]);
  });
});
