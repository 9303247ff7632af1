import { describe, expect, it } from 'vitest';
import { HEAD_TOUCH_MS, HeadTouches } from './head-touches.js';

describe('HeadTouches', () => {
  it('is fresh for a minute after the time the touching statement was sent', () => {
    let now = 1_000;
    const touches = new HeadTouches(() => now);
    expect(touches.isFresh('c')).toBe(false);
    const sentAt = touches.clock();
    now += 500; // the statement's round trip
    touches.touched('c', sentAt);
    now = sentAt + HEAD_TOUCH_MS - 1;
    expect(touches.isFresh('c')).toBe(true);
    now = sentAt + HEAD_TOUCH_MS;
    expect(touches.isFresh('c')).toBe(false);
  });

  it('forgets on request and keeps a bounded number of entries, oldest first out', () => {
    const touches = new HeadTouches(() => 0);
    touches.touched('a', 0);
    touches.forget('a');
    expect(touches.isFresh('a')).toBe(false);
    for (let i = 0; i <= 50_000; i++) touches.touched(`c${i}`, 0);
    expect(touches.isFresh('c0')).toBe(false);
    expect(touches.isFresh('c1')).toBe(true);
    expect(touches.isFresh('c50000')).toBe(true);
  });
});
