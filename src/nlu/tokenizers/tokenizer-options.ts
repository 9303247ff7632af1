// Options every Rasa tokenizer accepts. The intent_* options tokenize intent *labels* for multi-intents
// (`greet+ask`); our classifier predicts whole labels, so they are accepted and recorded only.
import { z } from 'zod';
import { ParleyError } from '../../errors.js';
import type { Token } from '../component.js';
import { compilePythonRegex } from '../util/python-regex.js';

export const tokenizerOptionsShape = {
  intent_tokenization_flag: z.boolean().default(false),
  intent_split_symbol: z.string().default('_'),
  token_pattern: z.string().nullable().default(null),
  prefix_separator_symbol: z.string().nullable().optional(),
};

export function compileTokenPattern(pattern: string | null): RegExp | undefined {
  if (pattern === null || pattern === '') return undefined;
  try {
    return compilePythonRegex(pattern, 'g').regex;
  } catch (cause) {
    throw new ParleyError('CONFIG_INVALID', `config.yml: token_pattern ${JSON.stringify(pattern)} is not a valid regex`, { cause });
  }
}

/** Every non-empty match of `pattern` inside `text`, as tokens offset by `base`. */
export function matchTokens(text: string, pattern: RegExp, base = 0): Token[] {
  const tokens: Token[] = [];
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    tokens.push({ text: m[0], start: base + m.index, end: base + m.index + m[0].length });
  }
  return tokens;
}

/** Rasa applies token_pattern inside each token a tokenizer produced. */
export function refineTokens(tokens: Token[], pattern: RegExp | undefined): Token[] {
  if (!pattern) return tokens;
  return tokens.flatMap((t) => {
    const pieces = matchTokens(t.text, pattern, t.start);
    return t.pos === undefined ? pieces : pieces.map((p) => ({ ...p, pos: t.pos }));
  });
}
