import { describe, expect, it } from 'vitest';
import type { ChineseScript, Domain, Entity } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { createMessage } from '../pipeline/message.js';
import { componentRegistry } from '../pipeline/registry.js';

function extender(entities: Record<string, { after?: string; before?: string }>, chineseScript?: ChineseScript) {
  const spec = componentRegistry.EntitySpanExtender;
  return spec.create(spec.parseOptions({ entities }, 'EntitySpanExtender'), { key: 'EntitySpanExtender#0', name: 'EntitySpanExtender', language: 'zh', domain: {} as Domain, ...(chineseScript ? { chineseScript } : {}) });
}

/** A message whose entities the tagger found, by their surface text (searched for from `from`). */
function parsed(text: string, found: [string, string, number?][]) {
  const msg = createMessage(text);
  msg.parse.entities = found.map(([entity, surface, from]): Entity => {
    const start = text.indexOf(surface, from);
    return { entity, start, end: start + surface.length, value: surface, extractor: 'DIETClassifier' };
  });
  return msg;
}

const BUILDING = '(?:[\\p{Script=Han}A-Za-z0-9]{0,8}?(?:广场|大厦|号楼|院|单元|室))+(?:[0-9]{1,5})?';

describe('EntitySpanExtender', () => {
  it('carries an entity over the text its pattern matches right after it', async () => {
    const msg = parsed('送到静安区南京西路1266号恒隆广场，电话021-64321234', [['address', '静安区南京西路1266号'], ['phone', '021-64321234']]);
    await extender({ address: { after: BUILDING } }).process(msg);
    expect(msg.parse.entities.map((e) => [e.entity, e.value, e.start, e.end, e.processors])).toEqual([
      ['address', '静安区南京西路1266号恒隆广场', 2, 18, ['EntitySpanExtender']],
      ['phone', '021-64321234', 21, 33, undefined],
    ]);
  });

  it('reads a pattern written in traditional characters as the model reads the text: simplified', async () => {
    const traditional = '(?:[\\p{Script=Han}0-9]{0,8}?(?:廣場|大廈|號樓))+';
    const text = '送到静安区南京西路1266号恒隆广场';
    const folded = parsed(text, [['address', '静安区南京西路1266号']]);
    await extender({ address: { after: traditional } }, 'simplified').process(folded);
    expect(folded.parse.entities.map((e) => e.value)).toEqual(['静安区南京西路1266号恒隆广场']);
    const asWritten = parsed(text, [['address', '静安区南京西路1266号']]);
    await extender({ address: { after: traditional } }).process(asWritten);
    expect(asWritten.parse.entities.map((e) => e.value)).toEqual(['静安区南京西路1266号']);
  });

  it('takes in an entity of the same type that it covers, and stops before one it would cut through', async () => {
    const ext = { phone: { after: '\\s*转\\s*\\d{1,6}' } };
    const msg = parsed('座机010-12345678转123，手机13812345678', [['phone', '010-12345678'], ['phone', '123', 15], ['phone', '13812345678']]);
    await extender(ext).process(msg);
    expect(msg.parse.entities.map((e) => [e.value, e.start, e.end])).toEqual([['010-12345678转123', 2, 18], ['13812345678', 21, 32]]);
    // the same type starting inside the match and ending past it: the extension stops before it
    const through = parsed('010-12345678转12345', [['phone', '010-12345678'], ['phone', '2345', 13]]);
    await extender({ phone: { after: '转\\d{3}' } }).process(through);
    expect(through.parse.entities.map((e) => e.value)).toEqual(['010-12345678', '2345']);
  });

  it('stops where the next entity starts', async () => {
    const msg = parsed('朝阳区望京街10号院3号楼1单元502', [['address', '朝阳区望京街10号'], ['room', '1单元502']]);
    await extender({ address: { after: BUILDING } }).process(msg);
    expect(msg.parse.entities.map((e) => e.value)).toEqual(['朝阳区望京街10号院3号楼', '1单元502']);
  });

  it('leaves alone other types, text the pattern does not match, and values already mapped', async () => {
    const msg = parsed('南京西路1266号吧，恒隆广场', [['address', '南京西路1266号'], ['place', '恒隆']]);
    const mapped = parsed('徐汇区漕溪北路398号汇智大厦', [['address', '徐汇区漕溪北路398号']]);
    (mapped.parse.entities[0] as Entity).value = 'Xuhui';
    const component = extender({ address: { after: BUILDING } });
    await component.process(msg);
    await component.process(mapped);
    expect(msg.parse.entities.map((e) => [e.value, e.end])).toEqual([['南京西路1266号', 9], ['恒隆', 13]]);
    expect(mapped.parse.entities.map((e) => [e.value, e.end, e.processors])).toEqual([['Xuhui', 11, undefined]]);
  });

  it('carries an entity back over the text its `before` pattern matches right up to its start, no further than the entity before', async () => {
    const NUMERALS = '[0-9零一二两三四五六七八九十百千万]+';
    const msg = parsed('再加两百份', [['quantity', '百份']]);
    await extender({ quantity: { before: NUMERALS } }).process(msg);
    expect(msg.parse.entities.map((e) => [e.value, e.start, e.end, e.processors])).toEqual([['两百份', 2, 5, ['EntitySpanExtender']]]);
    // the phone before it is not taken in; text the pattern does not reach (第) stays out
    const bounded = parsed('13812345678两百份，要第三个', [['phone', '13812345678'], ['quantity', '百份'], ['quantity', '三个']]);
    await extender({ quantity: { before: NUMERALS } }).process(bounded);
    expect(bounded.parse.entities.map((e) => e.value)).toEqual(['13812345678', '两百份', '三个']);
    // both ways at once, and one processor entry
    const both = parsed('送两百份到', [['quantity', '百']]);
    await extender({ quantity: { before: NUMERALS, after: '份' } }).process(both);
    expect(both.parse.entities.map((e) => [e.value, e.processors])).toEqual([['两百份', ['EntitySpanExtender']]]);
  });

  it('rejects a pattern that does not compile, naming the entity type', () => {
    expect(() => extender({ address: { after: '(广场' } })).toThrow(/entities\.address\.after is not a valid regular expression/);
  });

  it('rejects options it does not know', () => {
    const spec = componentRegistry.EntitySpanExtender;
    expect(() => spec.parseOptions({ entities: { address: { around: 'x' } } }, 'EntitySpanExtender')).toThrow(ParleyError);
    expect(() => spec.parseOptions({ entities: { address: {} } }, 'EntitySpanExtender')).toThrow(/needs "after", "before" or both/);
    expect(() => extender({ quantity: { before: '[一二' } })).toThrow(/entities\.quantity\.before is not a valid regular expression/);
  });
});
