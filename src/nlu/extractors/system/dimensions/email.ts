// The `email` dimension.
import { matchAll, type SystemMatch } from '../system-entity.js';

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function extractEmails(text: string): SystemMatch[] {
  return [...matchAll(EMAIL, text)].map((m) => ({
    dim: 'email' as const, start: m.index, end: m.index + m[0].length, value: m[0], additional_info: { value: m[0] },
  }));
}
