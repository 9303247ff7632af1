import { describe, expect, it } from 'vitest';
import { isChineseLanguage } from './language.js';

describe('isChineseLanguage', () => {
  it('knows Chinese by its code with or without a region or script, written with - or _', () => {
    for (const code of ['zh', 'ZH', 'zh-CN', 'zh_CN', 'zh_TW', 'zh-Hant']) expect(isChineseLanguage(code)).toBe(true);
    for (const code of ['en', 'zu', 'zha', 'en_zh', '']) expect(isChineseLanguage(code)).toBe(false);
  });
});
