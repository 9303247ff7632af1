import { describe, expect, it } from 'vitest';
import { slotEvent } from '../../core/index.js';
import { isParleyError } from '../../errors.js';
import { orderDomain, parsed, trackerOf, user } from '../processor/order-domain.test-helper.js';
import { ActionRegistry } from './action-registry.js';
import { defineAction } from './define-action.js';
import { FormAction } from '../forms/form-action.js';
import { RemoteAction } from './remote-action.js';
import { RetrievalAction } from './retrieval-action.js';
import { UtterAction } from './utter-action.js';
import { userEvent } from '../../core/index.js';

describe('ActionRegistry name resolution', () => {
  it('resolves defaults, responses, forms, coded and declared actions in Rasa order', () => {
    const d = orderDomain();
    d.actions.push('action_custom');
    d.responses['utter_faq/hours'] = [{ text: '9-5' }];
    const coded = defineAction('action_coded', () => []);
    const r = new ActionRegistry({ domain: d, actions: [coded] });
    expect(r.get('action_listen').name).toBe('action_listen');
    expect(r.get('utter_greet')).toBeInstanceOf(UtterAction);
    expect(r.get('utter_faq')).toBeInstanceOf(RetrievalAction);
    expect(r.get('order_form')).toBeInstanceOf(FormAction);
    expect(r.get('action_coded')).toBe(coded);
    expect(r.get('action_custom')).toBeInstanceOf(RemoteAction);
  });

  it('lets domain actions override default actions and forms', () => {
    const d = orderDomain();
    d.actions.push('action_session_start', 'order_form');
    const mine = defineAction('action_session_start', () => []);
    const r = new ActionRegistry({ domain: d, actions: [mine] });
    expect(r.get('action_session_start')).toBe(mine);
    expect(r.get('order_form')).toBeInstanceOf(RemoteAction);
  });

  it('fails with ACTION_NOT_FOUND for a name that resolves nowhere', () => {
    const r = new ActionRegistry({ domain: orderDomain() });
    expect(r.has('action_nowhere')).toBe(false);
    try {
      r.get('action_nowhere');
      expect.unreachable();
    } catch (e) {
      expect(isParleyError(e, 'ACTION_NOT_FOUND')).toBe(true);
    }
  });

  it('rejects two coded actions with the same name', () => {
    const a = defineAction('action_x', () => []);
    expect(() => new ActionRegistry({ domain: orderDomain(), actions: [a, a] })).toThrow(/two TypeScript actions/);
  });

  it('a declared action without an action endpoint fails when run (events lost, not a crash at lookup)', async () => {
    const d = orderDomain();
    d.actions.push('action_custom');
    const r = new ActionRegistry({ domain: d });
    await expect(r.get('action_custom').run({ tracker: trackerOf(d), domain: d, channel: null })).rejects.toMatchObject({ code: 'ACTION_FAILED' });
  });
});

describe('RetrievalAction', () => {
  it('utters the response the response selector chose', async () => {
    const d = orderDomain();
    d.responses['utter_faq/hours'] = [{ text: '9-5' }];
    d.responses['utter_faq/price'] = [{ text: 'cheap' }];
    const pd = { ...parsed('when open?', 'faq'), response_selector: { faq: { response: { utter_action: 'utter_faq/hours', intent_response_key: 'faq/hours', responses: [], confidence: 1 }, ranking: [] } } };
    const t = trackerOf(d, [userEvent('when open?', pd)]);
    const events = await new ActionRegistry({ domain: d }).get('utter_faq').run({ tracker: t, domain: d, channel: null });
    expect(events).toMatchObject([{ event: 'bot', text: '9-5', metadata: { utter_action: 'utter_faq/hours' } }]);
  });

  it('utters nothing without a selection', async () => {
    const d = orderDomain();
    d.responses['utter_faq/hours'] = [{ text: '9-5' }];
    const t = trackerOf(d, [user('x', 'faq'), slotEvent('meal', 'x')]);
    expect(await new ActionRegistry({ domain: d }).get('utter_faq').run({ tracker: t, domain: d, channel: null })).toEqual([]);
  });
});
