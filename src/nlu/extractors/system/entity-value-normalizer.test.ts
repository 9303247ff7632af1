import { describe, expect, it } from 'vitest';
import type { Domain, Entity } from '../../../core/index.js';
import { createMessage } from '../../pipeline/message.js';
import { componentRegistry } from '../../pipeline/registry.js';

function normalizer(entities: Record<string, string>, language = 'zh') {
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

  it('rejects a dimension it does not know', () => {
    expect(() => normalizer({ phone: 'phone' })).toThrow(/does not support the dimension\(s\) phone/);
  });
});
