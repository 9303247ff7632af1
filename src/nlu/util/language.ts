// Languages written without spaces between words need a segmenter and no word boundaries.

export const isChineseLanguage = (language: string): boolean => /^zh\b/i.test(language);

/** Scripts whose words are not separated by spaces: a regex word boundary means nothing there. */
export const UNSPACED_SCRIPT = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
