import { describe, expect, it } from 'vitest';
import type { ResponseVariation } from '../../core/index.js';
import { emptyDomain } from '../../core/index.js';
import { generateResponse } from './generate-response.js';
import { candidateVariations, selectResponse } from './select-response.js';

const variations: ResponseVariation[] = [
  { text: 'default' },
  { text: 'default slack', channel: 'slack' },
  { text: 'vip', condition: [{ type: 'slot', name: 'tier', value: 'VIP' }] },
  { text: 'vip slack', channel: 'slack', condition: [{ type: 'slot', name: 'tier', value: 'vip' }] },
  { text: 'logged in', condition: [{ type: 'slot', name: 'logged_in', value: true }] },
];
const texts = (vs: ResponseVariation[]): unknown[] => vs.map((v) => v.text);

describe('candidateVariations', () => {
  it('prefers conditional + channel, then default + channel', () => {
    expect(texts(candidateVariations(variations, { slots: { tier: 'Vip' }, channel: 'slack' }))).toEqual(['vip slack']);
    expect(texts(candidateVariations(variations, { slots: { tier: 'basic' }, channel: 'slack' }))).toEqual(['default slack']);
  });

  it('then conditional without channel, then default without channel', () => {
    expect(texts(candidateVariations(variations, { slots: { tier: 'vip', logged_in: true }, channel: 'rest' }))).toEqual(['vip', 'logged in']);
    expect(texts(candidateVariations(variations, { slots: {}, channel: null }))).toEqual(['default']);
  });

  it('compares strings casefolded but other types strictly', () => {
    expect(texts(candidateVariations(variations, { slots: { logged_in: 'true' }, channel: null }))).toEqual(['default']);
    const sharp: ResponseVariation[] = [{ text: 'street', condition: [{ type: 'slot', name: 's', value: 'STRASSE' }] }, { text: 'x' }];
    expect(texts(candidateVariations(sharp, { slots: { s: 'straße' }, channel: null }))).toEqual(['street']);
  });
});

describe('selectResponse', () => {
  it('picks among candidates with the injected random source', () => {
    const d = emptyDomain();
    d.responses['utter_hi'] = [{ text: 'a' }, { text: 'b' }, { text: 'c' }];
    expect(selectResponse(d, 'utter_hi', { slots: {}, channel: null }, () => 0)?.text).toBe('a');
    expect(selectResponse(d, 'utter_hi', { slots: {}, channel: null }, () => 0.99)?.text).toBe('c');
    expect(selectResponse(d, 'utter_missing', { slots: {}, channel: null })).toBeUndefined();
  });
});

describe('generateResponse', () => {
  it('interpolates and moves extra variation keys into the bot metadata', () => {
    const d = emptyDomain();
    d.responses['utter_greet'] = [{
      text: 'Hey {name}!', id: 'greet_1', button_type: 'vertical', image: 'https://x/{name}.png',
      buttons: [{ title: 'hi {name}', payload: '/greet' }],
    }];
    const bot = generateResponse(d, 'utter_greet', { slots: { name: 'Sara' }, channel: 'rest' });
    expect(bot?.text).toBe('Hey Sara!');
    expect(bot?.data.buttons).toEqual([{ title: 'hi Sara', payload: '/greet' }]);
    expect(bot?.data.image).toBe('https://x/Sara.png');
    expect(bot?.data.attachment).toBe('https://x/Sara.png');
    expect(bot?.metadata).toEqual({ utter_action: 'utter_greet', id: 'greet_1', button_type: 'vertical' });
  });

  it('lets extra vars override slot values', () => {
    const d = emptyDomain();
    d.responses['utter_x'] = [{ text: '{name}' }];
    expect(generateResponse(d, 'utter_x', { slots: { name: 'slot' }, channel: null, vars: { name: 'var' } })?.text).toBe('var');
  });
});
