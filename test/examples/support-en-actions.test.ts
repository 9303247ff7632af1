// support-en's order numbers typed wrong, and several in one message (examples/support-en/actions.mjs).
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a JavaScript example module, without type declarations
import { orderNumbersSaid, wrongOrderNumber } from '../../examples/support-en/actions.mjs';

const wrong = wrongOrderNumber as (text: string, entities: object[]) => string | undefined;

describe('wrongOrderNumber', () => {
  it('finds letters joined to the wrong number of digits, and digits without letters', () => {
    expect(wrong('hey can u check order ab12345', [])).toBe('AB12345');
    expect(wrong('sorry AB1234567', [])).toBe('AB1234567');
    expect(wrong('it is ab-123-4567', [])).toBe('AB1234567');
    expect(wrong('order 12345678', [])).toBe('12345678');
  });

  it('finds an order number the NLU found that is not one (the tagger reads AB12345 as one too)', () => {
    expect(wrong('uhh i think its ab12345', [{ entity: 'order_number', start: 16, end: 23, value: 'AB12345' }])).toBe('AB12345');
    expect(wrong('ab-12345 or AB123456', [{ entity: 'order_number', start: 0, end: 8, value: 'ab-12345' }, { entity: 'order_number', start: 12, end: 20, value: 'AB123456' }])).toBe('AB12345');
  });

  it('leaves real order numbers, real ones the NLU found, phone numbers and words before digits alone', () => {
    expect(wrong('check AB123456 please', [])).toBeUndefined();
    expect(wrong('ab-123-456', [])).toBeUndefined();
    expect(wrong('ab 123456 and 12345', [{ entity: 'order_number', start: 0, end: 9, value: 'AB123456' }])).toBeUndefined();
    expect(wrong('my phone is 5551234567', [])).toBeUndefined();
    expect(wrong('is 555123', [])).toBe('555123');
    expect(wrong('where is my order', [])).toBeUndefined();
  });
});

describe('orderNumbersSaid', () => {
  const said = orderNumbersSaid as (entities: object[]) => string[];
  const entity = (value: string, start: number) => ({ entity: 'order_number', start, end: start + 8, value });

  it('lists each order number once, in the order typed, and nothing else the NLU found', () => {
    expect(said([entity('CD654321', 20), entity('AB123456', 3), { entity: 'email', start: 40, end: 50, value: 'a@b.example' }])).toEqual(['AB123456', 'CD654321']);
    expect(said([entity('AB123456', 0), entity('AB123456', 10)])).toEqual(['AB123456']);
    expect(said([])).toEqual([]);
  });
});
