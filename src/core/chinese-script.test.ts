import { describe, expect, it } from 'vitest';
import { foldChinese } from './chinese-script.js';

describe('foldChinese', () => {
  it('folds traditional characters and their Taiwan and Hong Kong forms onto simplified ones, one for one', () => {
    for (const [traditional, simplified] of [
      ['我要兩份雞腿套餐', '我要两份鸡腿套餐'], ['送到上海市徐匯區漕溪北路３９８號', '送到上海市徐汇区漕溪北路398号'],
      ['請問營業時間', '请问营业时间'], ['後天見', '后天见'], ['臺灣', '台湾'], ['裡面', '里面'], ['綫', '线'],
    ]) {
      expect(foldChinese(traditional as string)).toBe(simplified);
      expect(foldChinese(traditional as string)).toHaveLength((traditional as string).length);
    }
  });

  it('folds full-width letters and digits and the ideographic space onto ASCII, not full-width punctuation', () => {
    expect(foldChinese('手機１３８　ＯＫ，ｏｋ！')).toBe('手机138 OK，ok！');
  });

  it('leaves simplified text, other scripts, emoji and characters beyond the BMP as they are (the same string)', () => {
    // 么 and 著 are simplified text's own too (怎么, 著名), though OpenCC folds them alone
    for (const text of ['我要两份牛肉套餐', '怎么样', '著名的哪吒', 'hello world', '，。！？', '😀👍🏽', '𠀀𠀁', '']) expect(foldChinese(text)).toBe(text);
  });
});
