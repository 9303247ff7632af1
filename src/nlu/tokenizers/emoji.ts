// Emoji are tokens: in chat, 👍 or 👌 alone is an answer ("yes"), and a bot can only learn that from
// examples whose emoji reach the featurizers. (Rasa's WhitespaceTokenizer drops them.) One token per
// emoji as people see it: a pictograph with its skin-tone modifier, variation selector and
// zero-width-joined parts (👍🏽, ❤️, 👨‍👩‍👧).
export const EMOJI_SOURCE = String.raw`\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*`;
