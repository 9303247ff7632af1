import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalog, ParleyError } from './errors.js';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

  it('documents every error code in docs/errors.md with its HTTP status', () => {
    for (const [code, { status }] of Object.entries(errorCatalog)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, `docs/errors.md has no row for ${code}`).toBeDefined();
      expect(row).toContain(`| ${status} |`);
    }
  });

  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(errorCatalog).sort());
  });

  it('carries status, retryability and cause', () => {
    const cause = new Error('socket hang up');
    const e = new ParleyError('STORE_UNAVAILABLE', 'tracker store down', { cause });
    expect(e.status).toBe(503);
    expect(e.retryable).toBe(true);
    expect(e.cause).toBe(cause);
  });
});
