// Opening and sharing the embedded database: one engine per directory per process.
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotEvent } from '../../core/index.js';
import { makeTempDir, type TempDir } from '../../../test/support/temp-dir.js';
import { createTrackerStore } from '../create-stores.js';
import { EmbeddedTrackerStore } from './embedded-tracker-store.js';

let dir: TempDir;
beforeAll(async () => { dir = await makeTempDir('parley-embedded-db-'); });
afterAll(async () => { await dir[Symbol.asyncDispose](); });

describe('embedded database', () => {
  it('creates a missing data directory relative to baseDir, and shares one engine per directory', async () => {
    const a = await createTrackerStore({ type: 'embedded', dataDir: 'nested/data' }, { baseDir: dir.path });
    await access(join(dir.path, 'nested/data'));
    const b = await EmbeddedTrackerStore.open({ dataDir: join(dir.path, 'nested', '.', 'data') });
    await a.append('c', [slotEvent('s', 1)], 0);
    expect((await b.retrieve('c'))?.seq).toBe(1);

    await a.close();
    await a.close(); // closing twice releases once
    expect(await b.append('c', [slotEvent('s', 2)], 1)).toBe(2);
    await b.close();
    expect(b.database.dataDir).toBe(join(dir.path, 'nested/data'));

    const reopened = await EmbeddedTrackerStore.open({ dataDir: join(dir.path, 'nested/data') });
    expect((await reopened.retrieve('c'))?.events).toHaveLength(2);
    await reopened.close();
  });

  it('reports an unusable data directory as STORE_UNAVAILABLE', async () => {
    const file = join(dir.path, 'not-a-dir');
    await writeFile(file, 'x');
    await expect(EmbeddedTrackerStore.open({ dataDir: join(file, 'data') })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
