import { describe, expect, it } from 'vitest';
import { isParleyError } from '../../errors.js';
import { resolvePipeline } from './resolve-pipeline.js';

const names = (r: ReturnType<typeof resolvePipeline>): string[] => r.components.map((c) => c.name);

describe('resolvePipeline', () => {
  it('uses the default pipeline, Jieba for Chinese', () => {
    expect(names(resolvePipeline({ language: 'zh', pipeline: [] }))).toEqual([
      'JiebaTokenizer', 'CountVectorsFeaturizer', 'CountVectorsFeaturizer', 'DIETClassifier', 'RegexEntityExtractor', 'EntitySynonymMapper', 'FallbackClassifier',
    ]);
    expect(names(resolvePipeline({ language: 'en', pipeline: [] }))[0]).toBe('WhitespaceTokenizer');
  });

  it('by default reads Chinese character n-grams across jieba\'s word boundaries; English n-grams stay within words', () => {
    const charOptions = (language: string): Record<string, unknown> => resolvePipeline({ language, pipeline: [] }).components[2]?.options as Record<string, unknown>;
    expect(charOptions('zh')).toMatchObject({ analyzer: 'char_wb', char_units: 'text', min_df: 1 });
    expect(charOptions('zh-TW')).toMatchObject({ char_units: 'text' });
    expect(charOptions('en')).toMatchObject({ analyzer: 'char_wb', char_units: 'tokens', min_df: 1 });
  });

  it('accepts the Rasa 3 default config.yml as written', () => {
    const r = resolvePipeline({ language: 'en', pipeline: [
      { name: 'WhitespaceTokenizer' }, { name: 'RegexFeaturizer' }, { name: 'LexicalSyntacticFeaturizer' }, { name: 'CountVectorsFeaturizer' },
      { name: 'CountVectorsFeaturizer', analyzer: 'char_wb', min_ngram: 1, max_ngram: 4 },
      { name: 'DIETClassifier', epochs: 100, constrain_similarities: true }, { name: 'EntitySynonymMapper' },
      { name: 'ResponseSelector', epochs: 100 }, { name: 'FallbackClassifier', threshold: 0.3, ambiguity_threshold: 0.1 },
    ] });
    expect(r.warnings).toEqual([]);
    expect(r.components).toHaveLength(9);
    expect(new Set(r.components.map((c) => c.key)).size).toBe(9);
  });

  it('substitutes or skips components we cannot offer, with warnings', () => {
    const r = resolvePipeline({ language: 'zh', pipeline: [
      { name: 'SpacyNLP', model: 'zh_core_web_md' }, { name: 'SpacyTokenizer' }, { name: 'LanguageModelFeaturizer', model_name: 'bert' },
      { name: 'DucklingEntityExtractor', url: 'http://localhost:8000' }, { name: 'DIETClassifier' },
    ] });
    // DucklingEntityExtractor runs in-process (SystemEntityExtractor); its url is ignored
    expect(names(r)).toEqual(['JiebaTokenizer', 'DucklingEntityExtractor', 'DIETClassifier']);
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings.join('\n')).toMatch(/SpacyTokenizer.*JiebaTokenizer/);
  });

  it('rejects an unknown component, naming the known ones', () => {
    try {
      resolvePipeline({ language: 'en', pipeline: [{ name: 'MagicClassifier' }] });
      expect.unreachable();
    } catch (e) {
      expect(isParleyError(e, 'CONFIG_INVALID')).toBe(true);
      expect((e as Error).message).toMatch(/unknown pipeline component "MagicClassifier" \(known: .*DIETClassifier/);
    }
  });

  it('rejects unknown or ill-typed options', () => {
    expect(() => resolvePipeline({ language: 'en', pipeline: [{ name: 'FallbackClassifier', threshhold: 0.5 }] })).toThrow(/FallbackClassifier/);
    expect(() => resolvePipeline({ language: 'en', pipeline: [{ name: 'CountVectorsFeaturizer', analyzer: 'chars' }] })).toThrow(/CountVectorsFeaturizer/);
  });

  it('adds a tokenizer when the pipeline needs one and has none', () => {
    const r = resolvePipeline({ language: 'en', pipeline: [{ name: 'CountVectorsFeaturizer' }, { name: 'DIETClassifier' }] });
    expect(names(r)[0]).toBe('WhitespaceTokenizer');
    expect(r.warnings).toHaveLength(1);
  });
});
