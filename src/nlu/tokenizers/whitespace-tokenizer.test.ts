import { describe, expect, it } from 'vitest';
import { createMessage } from '../pipeline/message.js';
import { whitespaceTokenizerSpec, whitespaceTokens } from './whitespace-tokenizer.js';

describe('WhitespaceTokenizer', () => {
  it('splits words, drops punctuation, keeps offsets', () => {
    const text = 'Hello, world!  I need 2.5 kg of e-mail';
    const tokens = whitespaceTokens(text);
    expect(tokens.map((t) => t.text)).toEqual(['Hello', 'world', 'I', 'need', '2.5', 'kg', 'of', 'e-mail']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('makes each emoji a token, with its skin tone, variation selector and joined parts', () => {
    expect(whitespaceTokens('great👍🏽 thanks! love it ❤️❤️ 👨‍👩‍👧').map((t) => t.text)).toEqual(['great', '👍🏽', 'thanks', 'love', 'it', '❤️', '❤️', '👨‍👩‍👧']);
    expect(whitespaceTokens('ok :) ;-)').map((t) => t.text)).toEqual(['ok']);
  });

  it('accepts Rasa options, and token_pattern decides what a token is', () => {
    const options = whitespaceTokenizerSpec.parseOptions({ intent_tokenization_flag: true, intent_split_symbol: '+', token_pattern: '(?u)\\b\\w\\w+\\b' }, 'WhitespaceTokenizer');
    const tok = whitespaceTokenizerSpec.create(options, { key: 'k', name: 'WhitespaceTokenizer', language: 'en', domain: {} as never });
    const msg = createMessage('a bc def');
    void tok.process(msg);
    expect(msg.tokens.map((t) => t.text)).toEqual(['bc', 'def']);
  });

  it('rejects unknown options', () => {
    expect(() => whitespaceTokenizerSpec.parseOptions({ colour: 'blue' }, 'WhitespaceTokenizer')).toThrow(/WhitespaceTokenizer/);
  });
});
