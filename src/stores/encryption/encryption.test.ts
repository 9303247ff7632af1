import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { botEvent, entitiesEvent, slotEvent, userEvent, type Event } from '../../core/index.js';
import { runTrackerStoreContract } from '../contracts/tracker-store.contract.js';
import { MemoryTrackerStore } from '../memory/memory-tracker-store.js';
import { EncryptedTrackerStore } from './encrypted-tracker-store.js';
import { isEnvelope, Keyring } from './keyring.js';
import { maskSensitive } from './mask.js';
import { rotateKeys } from './rotate-keys.js';

const key = () => randomBytes(32).toString('base64');
const config = { sensitiveSlots: ['phone', 'address', 'name'], sensitiveEntities: ['phone', 'n'] };
const PHONE = '13812345678';
const ADDRESS = '北京市海淀区中关村大街1号';

runTrackerStoreContract('EncryptedTrackerStore(Memory)', async () => {
  const store = new EncryptedTrackerStore(new MemoryTrackerStore(), new Keyring([{ id: 'k1', key: randomBytes(32) }]), config);
  return { store, [Symbol.asyncDispose]: () => store.close() };
});

const conversation = (): Event[][] => [
  [userEvent(`我的电话是${PHONE}`, { text: `我的电话是${PHONE}`, intent: { name: 'inform', confidence: 1 }, entities: [{ entity: 'phone', value: PHONE, start: 5, end: 16 }] }),
    slotEvent('phone', PHONE), botEvent('请问地址？')],
  [userEvent(ADDRESS, { text: ADDRESS, intent: { name: 'inform', confidence: 1 }, entities: [] }), slotEvent('address', ADDRESS), slotEvent('count', 2)],
  [entitiesEvent([{ entity: 'phone', value: PHONE }]), botEvent(`确认：电话 ${PHONE}，地址 ${ADDRESS}`)],
];

describe('Keyring', () => {
  it('reads keys from the environment, newest last', () => {
    const ring = Keyring.fromEnv({ PARLEY_ENCRYPTION_KEYS: `old:${key()}, new:${key()}` });
    expect(ring?.newestId).toBe('new');
    expect(Keyring.fromEnv({ PARLEY_ENCRYPTION_KEY: key() })?.newestId).toBe('k1');
    expect(Keyring.fromEnv({})).toBeUndefined();
    expect(() => Keyring.fromEnv({ PARLEY_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => Keyring.fromEnv({ PARLEY_ENCRYPTION_KEYS: 'nocolon' })).toThrow(/id:<base64 key>/);
  });

  it('seals with a fresh IV and detects tampering', () => {
    const ring = new Keyring([{ id: 'k1', key: randomBytes(32) }]);
    const a = ring.seal('secret');
    const b = ring.seal('secret');
    expect(a.iv).not.toBe(b.iv);
    expect(ring.open(a)).toBe('secret');
    const tampered = { ...a, ct: Buffer.from('xxxxxx').toString('base64') };
    expect(() => ring.open(tampered)).toThrow();
  });
});

describe('EncryptedTrackerStore', () => {
  it('stores no plaintext of sensitive values, and gives them back on read', async () => {
    const inner = new MemoryTrackerStore();
    const store = new EncryptedTrackerStore(inner, new Keyring([{ id: 'k1', key: randomBytes(32) }]), config);
    let seq = 0;
    const all: Event[] = [];
    for (const batch of conversation()) {
      seq = await store.append('c', batch, seq);
      all.push(...batch);
    }
    const raw = JSON.stringify((await inner.retrieveFull('c'))?.events);
    expect(raw).not.toContain(PHONE);
    expect(raw).not.toContain(ADDRESS);
    expect(raw).toContain('"count"'); // other slots untouched
    expect(raw).toContain('请问地址？');
    expect((await store.retrieve('c'))?.events).toEqual(JSON.parse(JSON.stringify(all)));
    const viaIterator: Event[] = [];
    for await (const e of store.events('c')) viaIterator.push(e.event);
    expect(viaIterator).toEqual((await store.retrieveFull('c'))?.events);
  });

  it('recognises a value from an earlier turn in a bot message even without a prior read', async () => {
    const inner = new MemoryTrackerStore();
    const ring = new Keyring([{ id: 'k1', key: randomBytes(32) }]);
    const [first = [], second = []] = conversation();
    await new EncryptedTrackerStore(inner, ring, config).append('c', first, 0);
    const fresh = new EncryptedTrackerStore(inner, ring, config); // another process
    await fresh.append('c', [botEvent(`您的电话 ${PHONE} 已记录`), ...second], 3);
    expect(JSON.stringify((await inner.retrieveFull('c'))?.events)).not.toContain(PHONE);
  });

  it('re-encrypts old values under the newest key', async () => {
    const k1 = { id: 'k1', key: randomBytes(32) };
    const inner = new MemoryTrackerStore();
    let seq = 0;
    for (const batch of conversation()) seq = await new EncryptedTrackerStore(inner, new Keyring([k1]), config).append('c', batch, seq);
    const k2 = { id: 'k2', key: randomBytes(32) };
    const ring = new Keyring([k1, k2]);
    const report = await rotateKeys(inner, ring);
    expect(report.conversations).toBe(1);
    expect(report.events).toBeGreaterThanOrEqual(5);
    const raw = JSON.stringify((await inner.retrieveFull('c'))?.events);
    expect(raw).not.toContain('"kid":"k1"');
    const onlyNew = new EncryptedTrackerStore(inner, new Keyring([k2]), config);
    expect((await onlyNew.retrieve('c'))?.events.find((e) => e.event === 'slot')).toMatchObject({ value: PHONE });
    expect(await rotateKeys(inner, ring)).toEqual({ conversations: 0, events: 0 });
    expect(isEnvelope((await inner.retrieve('c'))?.events.find((e) => e.event === 'slot' && e.name === 'address')?.['value' as never])).toBe(true);
  });
});

describe('maskSensitive', () => {
  it('masks phones and other values', () => {
    expect(maskSensitive('13812345678')).toBe('138****5678');
    expect(maskSensitive(ADDRESS)).toBe('北***');
    expect(maskSensitive('x')).toBe('***');
    expect(maskSensitive(null)).toBe('null');
  });
});
