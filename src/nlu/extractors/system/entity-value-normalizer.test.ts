import { describe, expect, it } from 'vitest';
import type { Domain, Entity } from '../../../core/index.js';
import { createMessage } from '../../pipeline/message.js';
import { componentRegistry } from '../../pipeline/registry.js';

function normalizer(entities: Record<string, string | { remove?: string; case?: string }>, language = 'zh') {
  const spec = componentRegistry.EntityValueNormalizer;
  return spec.create(spec.parseOptions({ entities }, 'EntityValueNormalizer'), { key: 'EntityValueNormalizer#0', name: 'EntityValueNormalizer', language, domain: {} as Domain });
}

/** A message whose entities another extractor found, by their surface text. */
function parsed(text: string, found: [string, string][]) {
  const msg = createMessage(text);
  msg.parse.entities = found.map(([entity, surface]): Entity => {
    const start = text.indexOf(surface);
    return { entity, start, end: start + surface.length, value: surface, extractor: 'DIETClassifier' };
  });
  return msg;
}

describe('EntityValueNormalizer', () => {
  it('gives an entity the value its dimension reads from the whole span, keeping type and span', async () => {
    const msg = parsed('我手机一三九 一二三四 五六七八，座机021-6432 1234', [['phone', '一三九 一二三四 五六七八'], ['phone', '021-6432 1234']]);
    await normalizer({ phone: 'phone-number' }).process(msg);
    expect(msg.parse.entities.map((e) => [e.entity, e.value, e.start, e.processors])).toEqual([
      ['phone', '13912345678', 3, ['EntityValueNormalizer']],
      ['phone', '02164321234', 19, ['EntityValueNormalizer']],
    ]);
  });

  it('keeps the value when the dimension reads only part of the span, or another type', async () => {
    const msg = parsed('电话是138一二三四 送到中关村', [['phone', '电话是138一二三四'], ['address', '中关村']]);
    await normalizer({ phone: 'phone-number' }).process(msg);
    expect(msg.parse.entities.map((e) => [e.value, e.processors])).toEqual([['电话是138一二三四', undefined], ['中关村', undefined]]);
  });

  it('writes an entity in its canonical form: separators removed, one case', async () => {
    const msg = parsed('it is ab 123-456, ship to Main St', [['order_number', 'ab 123-456'], ['address', 'Main St']]);
    await normalizer({ order_number: { remove: '[\\s-]', case: 'upper' } }, 'en').process(msg);
    expect(msg.parse.entities.map((e) => [e.entity, e.value, e.start, e.end, e.processors])).toEqual([
      ['order_number', 'AB123456', 6, 16, ['EntityValueNormalizer']],
      ['address', 'Main St', 26, 33, undefined],
    ]);
  });

  it('keeps the value when the canonical form would be empty', async () => {
    const msg = parsed('code: --', [['code', '--']]);
    await normalizer({ code: { remove: '-' } }, 'en').process(msg);
    expect(msg.parse.entities[0]?.value).toBe('--');
  });

  it('rejects a removal pattern that does not compile, and an unknown case', () => {
    expect(() => normalizer({ code: { remove: '[' } })).toThrow(/entities\.code\.remove is not a valid regular expression/);
    expect(() => normalizer({ code: { case: 'title' } })).toThrow();
  });

  it('rejects a dimension it does not know', () => {
    expect(() => normalizer({ phone: 'phone' })).toThrow(/does not support the dimension\(s\) phone/);
  });
});
