// Shared fixtures for the dimension tests: fixed reference clocks and a compact view of matches.
import type { ExtractContext, SystemMatch } from './system-entity.js';

/** Wednesday 2026-03-04 10:00 in Shanghai. */
export const ZH_CTX: ExtractContext = { reference: new Date('2026-03-04T10:00:00+08:00'), timezone: 'Asia/Shanghai', locale: 'zh' };
/** Wednesday 2026-03-04 10:00 UTC. */
export const EN_CTX: ExtractContext = { reference: new Date('2026-03-04T10:00:00Z'), timezone: 'UTC', locale: 'en' };

/** [surface text, value] of each match, in text order. */
export const view = (text: string, matches: SystemMatch[]): [string, unknown][] =>
  [...matches].sort((a, b) => a.start - b.start).map((m) => [text.slice(m.start, m.end), m.value]);
