import { describe, expect, it } from 'vitest';
import { vocabularyStateSchema } from './vocabulary.js';

describe('vocabularyStateSchema', () => {
  it('accepts a list of terms and rejects anything else with a clear message', () => {
    expect(vocabularyStateSchema.parse({ vocabulary: ['a', 'b c'] })).toEqual({ vocabulary: ['a', 'b c'] });
    const bad = vocabularyStateSchema.safeParse({ vocabulary: ['a', 3] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('vocabulary must be a list of strings');
    expect(vocabularyStateSchema.safeParse({ vocabulary: 'a' }).success).toBe(false);
    expect(vocabularyStateSchema.safeParse({}).success).toBe(false);
  });
});
