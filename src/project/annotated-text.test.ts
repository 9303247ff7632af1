import { describe, expect, it } from 'vitest';
import { parseAnnotatedText } from './annotated-text.js';
import { isParleyError } from '../errors.js';

describe('parseAnnotatedText', () => {
  it('parses [x](entity) and computes offsets on the cleaned text', () => {
    const r = parseAnnotatedText("What's my [credit](account) balance?");
    expect(r.text).toBe("What's my credit balance?");
    expect(r.entities).toEqual([{ entity: 'account', start: 10, end: 16, value: 'credit' }]);
  });

  it('parses the legacy synonym form [x](entity:value)', () => {
    const r = parseAnnotatedText('I live in [New York](city:NYC) now');
    expect(r.text).toBe('I live in New York now');
    expect(r.entities).toEqual([{ entity: 'city', start: 10, end: 18, value: 'NYC' }]);
  });

  it('parses JSON dicts with value, role and group, offsets shift after earlier annotations', () => {
    const r = parseAnnotatedText('fly from [Berlin]{"entity": "city", "role": "departure"} to [SF]{"entity": "city", "role": "destination", "value": "San Francisco", "group": "1"}');
    expect(r.text).toBe('fly from Berlin to SF');
    expect(r.entities).toEqual([
      { entity: 'city', start: 9, end: 15, value: 'Berlin', role: 'departure' },
      { entity: 'city', start: 19, end: 21, value: 'San Francisco', role: 'destination', group: '1' },
    ]);
  });

  it('parses a list of dicts: several entities on one span', () => {
    const r = parseAnnotatedText('[Bank of America][{"entity": "bank"}, {"entity": "org", "value": "BoA"}] rocks');
    expect(r.text).toBe('Bank of America rocks');
    expect(r.entities).toEqual([
      { entity: 'bank', start: 0, end: 15, value: 'Bank of America' },
      { entity: 'org', start: 0, end: 15, value: 'BoA' },
    ]);
  });

  it('leaves text without annotations (and intent shortcuts) untouched', () => {
    expect(parseAnnotatedText('/inform{"cuisine": "greek"}')).toEqual({ text: '/inform{"cuisine": "greek"}', entities: [] });
    expect(parseAnnotatedText('a [bracket] alone')).toEqual({ text: 'a [bracket] alone', entities: [] });
  });

  it('handles non-ASCII text', () => {
    const r = parseAnnotatedText('我想吃[川菜](cuisine)');
    expect(r.text).toBe('我想吃川菜');
    expect(r.entities[0]).toMatchObject({ start: 3, end: 5, value: '川菜' });
  });

  it('rejects invalid JSON and dicts without an entity', () => {
    expect(() => parseAnnotatedText('[x]{"entity": }')).toThrow(/invalid entity annotation/);
    try {
      parseAnnotatedText('[x]{"value": "y"}');
      expect.unreachable();
    } catch (e) {
      expect(isParleyError(e, 'PROJECT_INVALID')).toBe(true);
      expect((e as Error).message).toMatch(/'entity' is required/);
    }
  });
});
