// The `url` dimension: http(s) links, www. hosts and bare domains with a known top-level domain.
import { matchAll, type SystemMatch } from '../system-entity.js';

const TLDS = 'com|org|net|edu|gov|io|ai|co|cn|uk|de|fr|jp|hk|tw|info|biz|app|dev|me|tv|us|ca|au|ru|in';
const URL_PATTERN = new RegExp(
  `(?<![@\\w.])(?:(?:https?|ftp)://[^\\s<>"'，。！？、；：）】」]+|(?:www\\.)?(?:[a-z0-9-]+\\.)+(?:${TLDS})(?::\\d+)?(?:/[^\\s<>"'，。！？、；：）】」]*)?)(?![\\w@])`,
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
