import { describe, expect, it } from 'vitest';
import { actionEvent, slotEvent, userEvent } from '../../core/index.js';
import { eventFromPayload, eventRow, insertStatement, MAX_ROWS_PER_INSERT } from './event-rows.js';

describe('eventRow', () => {
  it('copies type, intent, action and timestamp out of the event', () => {
    const user = userEvent('hi', { text: 'hi', intent: { name: 'greet', confidence: 0.9 }, entities: [] }, { timestamp: 12.5 });
    expect(eventRow('c', 1, user)).toMatchObject({ conversation_id: 'c', seq: 1, type: 'user', intent: 'greet', action: null, timestamp: 12.5 });
    expect(eventRow('c', 2, actionEvent('utter_greet'))).toMatchObject({ type: 'action', intent: null, action: 'utter_greet' });
    expect(eventRow('c', 3, slotEvent('s', 1))).toMatchObject({ type: 'slot', intent: null, action: null });
  });

  it('round-trips the payload', () => {
    const e = slotEvent('s', { a: [1, 'ü'] });
    const row = eventRow('c', 1, e);
    expect(eventFromPayload(row.payload)).toEqual(e);
    expect(eventFromPayload(JSON.parse(row.payload))).toEqual(e);
  });
});

describe('insertStatement', () => {
  it('numbers the parameters of every row', () => {
    const rows = [eventRow('c', 1, slotEvent('a', 1)), eventRow('c', 2, slotEvent('b', 2))];
    const { sql, params } = insertStatement(rows);
    expect(params).toHaveLength(14);
    expect(params[7]).toBe('c');
    expect(params[8]).toBe(2);
    expect(sql).toContain('($8, $9, $10, $11, $12, to_timestamp($13), $14::jsonb)');
    expect(sql).not.toContain('$15');
  });

  it('refuses empty and oversized batches', () => {
    expect(() => insertStatement([])).toThrow(RangeError);
    const row = eventRow('c', 1, slotEvent('a', 1));
    expect(() => insertStatement(Array.from({ length: MAX_ROWS_PER_INSERT + 1 }, () => row))).toThrow(RangeError);
  });
});
