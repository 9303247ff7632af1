import { describe, expect, it } from 'vitest';
import { actionEvent, botEvent, restartEvent, slotEvent, userEvent } from '../core/index.js';
import { orderDomain, trackerOf } from '../dialogue/processor/order-domain.test-helper.js';
import { conversationMemory } from './memory.js';
import { Redactor } from './redactor.js';

const phoneMsg = (text: string, phone: string) =>
  userEvent(text, { text, intent: { name: 'inform', confidence: 0.9 }, entities: [{ entity: 'phone', value: phone, start: text.indexOf(phone), end: text.indexOf(phone) + phone.length }] });

describe('conversationMemory', () => {
  it('takes the last N messages after the latest restart and the non-sensitive slots', () => {
    const d = orderDomain();
    const t = trackerOf(d, [
      userEvent('旧的', { text: '旧的', intent: null, entities: [] }), restartEvent(),
      userEvent('我要面', { text: '我要面', intent: null, entities: [] }), slotEvent('meal', '面'), botEvent('要几份?'),
      phoneMsg('电话13812345678', '13812345678'), slotEvent('phone', '13812345678'), slotEvent('requested_slot', 'address'),
      actionEvent('action_listen'),
    ]);
    const m = conversationMemory(t, { historyTurns: 2, sensitiveSlots: ['phone'] });
    expect(m.turns).toEqual([{ speaker: 'bot', text: '要几份?' }, { speaker: 'user', text: '电话13812345678' }]);
    expect(m.slots).toEqual({ meal: '面' });
    expect(new Redactor(m.secrets).mask('电话13812345678，送面')).toBe('电话<phone>，送面');
  });
});

describe('Redactor', () => {
  it('masks longest values first and unmasks the placeholders', () => {
    const r = new Redactor([{ value: '138', label: 'phone' }, { value: '13812345678', label: 'phone' }]);
    const masked = r.mask('a 13812345678 b 138');
    expect(masked).toBe('a <phone> b <phone_2>');
    expect(r.unmask(masked)).toBe('a 13812345678 b 138');
  });
});
