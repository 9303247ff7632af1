// `parley db prune --older-than 30d`: deletes conversations idle for longer than the given age
// from the configured durable tracker store (PostgreSQL or embedded).
import { join, resolve } from 'node:path';
import { ParleyError } from '../../errors.js';
import { createBaseTrackerStore } from '../../stores/create-stores.js';
import { storesConfigFromEndpoints } from '../../stores/endpoints-config.js';
import { isPrunableStore } from '../../stores/tracker-store.js';
import { readYamlMapping } from '../endpoint-files.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** "30d", "12h", "90m", "45s", "2w" → seconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i.exec(text);
  const unit = m?.[2] ? UNIT_SECONDS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new ParleyError('CONFIG_INVALID', `--older-than: expected a duration like 30d, 12h, 90m or 45s, got "${text}"`);
  return Number(m[1]) * unit;
}

export async function dbPruneCommand(flags: { project: string; olderThan: string; endpoints?: string }): Promise<void> {
  const olderThanSeconds = parseDuration(flags.olderThan);
  const root = resolve(flags.project);
  const endpoints = readYamlMapping(flags.endpoints ? resolve(flags.endpoints) : join(root, 'endpoints.yml'));
  const cfg = storesConfigFromEndpoints(endpoints, { projectDir: root, warn: (m) => console.warn(`warning: ${m}`) });
  if (cfg.trackerStore.type === 'memory') throw new ParleyError('CONFIG_INVALID', 'the memory tracker store keeps nothing to prune');
  const store = await createBaseTrackerStore(cfg.trackerStore, { baseDir: root });
  try {
    if (!isPrunableStore(store)) throw new ParleyError('CONFIG_INVALID', `the ${cfg.trackerStore.type} tracker store does not support pruning`);
    const pruned = await store.prune({ olderThanSeconds });
    console.log(`pruned ${pruned} conversation(s) idle for more than ${flags.olderThan}`);
  } finally {
    await store.close();
  }
}
