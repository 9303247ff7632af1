// WhitespaceTokenizer: words of letters/digits, and emoji; punctuation around words is not a token (as in Rasa).
import { z } from 'zod';
import type { Message, NluComponent, Token } from '../component.js';
import { defineComponent } from '../pipeline/component-spec.js';
import { EMOJI_SOURCE } from './emoji.js';
import { compileTokenPattern, matchTokens, tokenizerOptionsShape } from './tokenizer-options.js';

const WORD = new RegExp(String.raw`[\p{L}\p{M}\p{N}_#@&]+(?:[.,:/-][\p{L}\p{M}\p{N}_#@&]+)*|${EMOJI_SOURCE}`, 'gu');

export function whitespaceTokens(text: string, pattern: RegExp = WORD): Token[] {
  return matchTokens(text, pattern);
}

export class WhitespaceTokenizer implements NluComponent {
  readonly name = 'WhitespaceTokenizer';
  constructor(private readonly pattern: RegExp = WORD) {}

  process(msg: Message): void {
    msg.tokens = matchTokens(msg.text, this.pattern);
  }
}

export const whitespaceTokenizerSpec = defineComponent({
  stage: 'tokenizer',
  options: z.object(tokenizerOptionsShape).strict(),
  create: (options) => new WhitespaceTokenizer(compileTokenPattern(options.token_pattern)),
});
