// The `url` dimension: http(s) links, www. hosts and bare domains with a known top-level domain.
import { matchAll, type SystemMatch } from '../system-entity.js';

const TLDS = 'com|org|net|edu|gov|io|ai|co|cn|uk|de|fr|jp|hk|tw|info|biz|app|dev|me|tv|us|ca|au|ru|in';
// A link with a scheme runs to a space or closing punctuation (its path may be Chinese: https://zh.wikipedia.org/wiki/北京);
// one without stops at a Chinese character too, which in chat is the sentence going on (网址www.example.cn/menu看看)
const URL_PATTERN = new RegExp(
  `(?<![@\\w.])(?:(?:https?|ftp)://[^\\s<>"'，。！？、；：）】」]+|(?:www\\.)?(?:[a-z0-9-]+\\.)+(?:${TLDS})(?::\\d+)?(?:/[^\\s<>"'，。！？、；：）】」\\u3400-\\u9fff]*)?)(?![\\w@])`,
  'gi',
);

function domainOf(url: string): string {
  const host = url.replace(/^[a-z]+:\/\//i, '').split(/[/:?#]/)[0] ?? '';
  return host.toLowerCase().replace(/^www\./, '');
}

export function extractUrls(text: string): SystemMatch[] {
  const out: SystemMatch[] = [];
  for (const m of matchAll(URL_PATTERN, text)) {
    const url = m[0].replace(/[.,!?)]+$/, '');
    out.push({ dim: 'url', start: m.index, end: m.index + url.length, value: url, additional_info: { value: url, domain: domainOf(url) } });
  }
  return out;
}
