// Languages written without spaces between words need a segmenter and no word boundaries.

/** zh, zh-CN, zh_TW, zh-Hant (not \b after zh: `_` is a word character, so zh_TW had read as not Chinese) */
export const isChineseLanguage = (language: string): boolean => /^zh(?:$|[-_])/i.test(language);

/** Scripts whose words are not separated by spaces: a regex word boundary means nothing there. */
export const UNSPACED_SCRIPT = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
