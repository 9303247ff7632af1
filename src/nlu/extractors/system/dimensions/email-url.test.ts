import { describe, expect, it } from 'vitest';
import { view } from '../testing.js';
import { extractEmails } from './email.js';
import { extractUrls } from './url.js';

describe('email dimension', () => {
  it.each<[string, [string, unknown][]]>([
    ['邮箱是zhang.san@example.com谢谢', [['zhang.san@example.com', 'zhang.san@example.com']]],
    ['mail me at a+b@mail.co.uk.', [['a+b@mail.co.uk', 'a+b@mail.co.uk']]],
    ['user_1@sub.domain.io and x@y.cn', [['user_1@sub.domain.io', 'user_1@sub.domain.io'], ['x@y.cn', 'x@y.cn']]],
    ['not an email: a@b', []],
  ])('%s', (text, expected) => {
    expect(view(text, extractEmails(text))).toEqual(expected);
  });
});

describe('url dimension', () => {
  it.each<[string, [string, unknown][]]>([
    ['看看 https://parley.dev/docs?x=1 吧', [['https://parley.dev/docs?x=1', 'https://parley.dev/docs?x=1']]],
    ['visit www.example.com.', [['www.example.com', 'www.example.com']]],
    ['网址是example.cn/menu，谢谢', [['example.cn/menu', 'example.cn/menu']]],
    // without a scheme a Chinese character ends the link; with one it may be part of the path
    ['网址www.example.cn/menu看看', [['www.example.cn/menu', 'www.example.cn/menu']]],
    ['https://zh.wikipedia.org/wiki/北京', [['https://zh.wikipedia.org/wiki/北京', 'https://zh.wikipedia.org/wiki/北京']]],
    ['http://localhost:8000/parse', [['http://localhost:8000/parse', 'http://localhost:8000/parse']]],
    ['a@b.com', []],
    ['version 1.5.2', []],
  ])('%s', (text, expected) => {
    expect(view(text, extractUrls(text))).toEqual(expected);
  });

  it('reports the domain', () => {
    expect(extractUrls('https://www.Example.com/a')[0]?.additional_info).toEqual({ value: 'https://www.Example.com/a', domain: 'example.com' });
  });
});
