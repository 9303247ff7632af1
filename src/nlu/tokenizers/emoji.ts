// Emoji are tokens: in chat, 👍 or 👌 alone is an answer ("yes"), and a bot can only learn that from
// examples whose emoji reach the featurizers. (Rasa's WhitespaceTokenizer drops them.) One token per
// emoji as people see it: a pictograph with its skin-tone modifier, variation selector and
// zero-width-joined parts (👍🏽, ❤️, 👨‍👩‍👧).
export const EMOJI_SOURCE = String.raw`\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*`;

const EMOJI_END = /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)*\u200D?$/u;
const EMOJI_PARTS = /^(?:\p{Emoji_Modifier}|\uFE0F|\u200D)+$/u;
const EMOJI_START = /^\p{Extended_Pictographic}/u;

/**
 * For a segmenter that cuts an emoji apart (jieba cuts 👍🏽 and ❤️ in two): whether `seg`, right after
 * a token ending in an emoji, is part of it: a modifier or joiner, or the pictograph after a joiner
 * (`before`: the character before `seg`).
 */
export function continuesEmoji(token: string, seg: string, before: string | undefined): boolean {
  // a token ending in ASCII or a CJK ideograph ends in no emoji part (most tokens: jieba's Chinese
  // segments are adjacent, so every one is asked, and the end-anchored regex scans the whole token)
  const last = token.charCodeAt(token.length - 1);
  if (last < 0x80 || (last >= 0x3400 && last <= 0x9fff)) return false;
  if (!EMOJI_END.test(token)) return false;
  return EMOJI_PARTS.test(seg) || (before === '\u200D' && EMOJI_START.test(seg));
}
