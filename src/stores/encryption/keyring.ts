// Encryption keys from the environment, newest last: PARLEY_ENCRYPTION_KEYS="k1:<base64>,k2:<base64>"
// (or PARLEY_ENCRYPTION_KEY="<base64>", id "k1"). Values are sealed with AES-256-GCM under the
// newest key, a random 12-byte IV each, and carry their key id so old values stay readable
// until `parley keys rotate` re-encrypts them.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { ParleyError } from '../../errors.js';

/** How a sealed value is stored in place of the plaintext. */
export interface Envelope { $enc: 'v1'; kid: string; iv: string; ct: string; tag: string }

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['$enc'] === 'v1' && typeof v['kid'] === 'string' && typeof v['iv'] === 'string' && typeof v['ct'] === 'string' && typeof v['tag'] === 'string';
}

export class Keyring {
  private readonly keys: Map<string, Buffer>;
  readonly newestId: string;

  constructor(keys: readonly { id: string; key: Buffer }[]) {
    const last = keys.at(-1);
    if (!last) throw new ParleyError('CONFIG_INVALID', 'the encryption keyring is empty');
    for (const k of keys) {
      if (k.key.length !== 32) throw new ParleyError('CONFIG_INVALID', `encryption key ${k.id} must be 32 bytes (base64), got ${k.key.length}`);
    }
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    if (this.keys.size !== keys.length) throw new ParleyError('CONFIG_INVALID', 'encryption key ids must be unique');
    this.newestId = last.id;
  }

  /** The keyring from PARLEY_ENCRYPTION_KEYS / PARLEY_ENCRYPTION_KEY, or undefined when neither is set. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): Keyring | undefined {
    const many = env['PARLEY_ENCRYPTION_KEYS']?.trim();
    const one = env['PARLEY_ENCRYPTION_KEY']?.trim();
    if (!many && !one) return undefined;
    if (!many) return new Keyring([{ id: 'k1', key: decodeKey(one ?? '', 'PARLEY_ENCRYPTION_KEY') }]);
    return new Keyring(many.split(',').map((entry) => {
      const at = entry.indexOf(':');
      const id = entry.slice(0, at).trim();
      if (at <= 0 || !/^[A-Za-z0-9_.-]+$/.test(id)) throw new ParleyError('CONFIG_INVALID', 'PARLEY_ENCRYPTION_KEYS: expected "id:<base64 key>" entries separated by commas');
      return { id, key: decodeKey(entry.slice(at + 1).trim(), `PARLEY_ENCRYPTION_KEYS (${id})`) };
    }));
  }

  has(kid: string): boolean {
    return this.keys.has(kid);
  }

  seal(plaintext: string): Envelope {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.newestId), iv);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { $enc: 'v1', kid: this.newestId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  }

  open(envelope: Envelope): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key(envelope.kid), Buffer.from(envelope.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new ParleyError('STORE_UNAVAILABLE', `a value sealed with key ${envelope.kid} failed authentication`, { cause });
    }
  }

  /** A keyed digest (HMAC-SHA256 under the newest key): a cache key that reveals nothing. */
  digest(text: string): string {
    return createHmac('sha256', this.key(this.newestId)).update(text).digest('hex');
  }

  private key(kid: string): Buffer {
    const key = this.keys.get(kid);
    if (!key) throw new ParleyError('CONFIG_INVALID', `encryption key ${JSON.stringify(kid)} is not in the keyring (PARLEY_ENCRYPTION_KEYS)`);
    return key;
  }
}

function decodeKey(b64: string, where: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new ParleyError('CONFIG_INVALID', `${where}: a key must be 32 bytes in base64 (openssl rand -base64 32)`);
  return key;
}

/** A sealer for the NLU cache: keyed digests for keys, envelopes (as JSON) for values. */
export function keyringSealer(keyring: Keyring): { keyDigest(t: string): string; seal(p: string): string; unseal(s: string): string } {
  return {
    keyDigest: (t) => keyring.digest(t),
    seal: (p) => JSON.stringify(keyring.seal(p)),
    unseal: (s) => {
      const env: unknown = JSON.parse(s);
      if (!isEnvelope(env)) throw new Error('not a sealed value');
      return keyring.open(env);
    },
  };
}
