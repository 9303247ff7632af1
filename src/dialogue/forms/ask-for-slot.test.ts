import { describe, expect, it } from 'vitest';
import type { Action } from '../actions/action.js';
import type { ActionResolver } from '../actions/action-resolver.js';
import { orderDomain, trackerOf } from '../processor/order-domain.test-helper.js';
import { askActionName } from './ask-for-slot.js';
import type { FormRun } from './form-context.js';

function runWith(existing: string[]): FormRun {
  const domain = orderDomain();
  const actions: ActionResolver = {
    has: (name) => existing.includes(name),
    get: (name): Action => ({ name, run: () => Promise.resolve([]) }),
  };
  return { form: domain.forms['order_form']!, ctx: { tracker: trackerOf(domain), domain, channel: null }, deps: { actions } };
}

describe('askActionName', () => {
  const all = ['action_ask_order_form_phone', 'utter_ask_order_form_phone', 'action_ask_phone', 'utter_ask_phone'];

  it('searches action_ask_<form>_<slot>, utter_ask_<form>_<slot>, action_ask_<slot>, utter_ask_<slot>', () => {
    expect(askActionName(runWith(all), 'phone')).toBe('action_ask_order_form_phone');
    expect(askActionName(runWith(all.slice(1)), 'phone')).toBe('utter_ask_order_form_phone');
    expect(askActionName(runWith(all.slice(2)), 'phone')).toBe('action_ask_phone');
    expect(askActionName(runWith(all.slice(3)), 'phone')).toBe('utter_ask_phone');
  });

  it('falls back to utter_ask_<slot> when nothing exists', () => {
    expect(askActionName(runWith([]), 'phone')).toBe('utter_ask_phone');
  });
});
