// The web chat page in a real browser (headless Chromium): the Chinese ordering bot through
// the form with a mid-form correction, the inspector showing slots, a second tab on the same
// conversation with its history and new turns arriving live, and a phone-sized layout.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePath, startServer, type RunningServer } from '../support/example-server.js';
import { launchChromium, screenshot } from '../support/browser.js';

const sensitive = { sensitiveSlots: ['phone', 'address'], sensitiveEntities: ['phone', 'address'] };

describe('web chat page (/chat) in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startServer({
      project: examplePath('order-zh'),
      agent: sensitive,
      server: { channels: { rest: {}, socketio: { sessionPersistence: true } } },
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const botBubbles = (page: Page) => page.locator('.bubble.bot');
  const slotValue = (page: Page, slot: string) => page.locator(`#inspector [data-state] [data-slot="${slot}"] .slot-value`);

  async function say(page: Page, text: string): Promise<void> {
    const before = await botBubbles(page).count();
    const turns = await page.locator('[data-turn]').count();
    await page.fill('#input', text);
    await page.press('#input', 'Enter');
    await expect.poll(() => botBubbles(page).count(), { timeout: 10_000 }).toBeGreaterThan(before);
    // the inspector gets the turn from the state stream
    await expect.poll(() => page.locator('[data-turn]').count(), { timeout: 10_000 }).toBeGreaterThan(turns);
  }

  it('completes the order-zh form with a mid-form correction; the inspector shows slots, intent and path', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/chat`);
    await page.locator('#status[data-status="connected"]').waitFor();
    await say(page, '你好');
    await expect.poll(() => page.locator('.bubble.bot .quick').count()).toBeGreaterThan(0);

    await say(page, '我要两份牛肉套餐');
    await expect.poll(() => page.locator('[data-form]').textContent()).toBe('order_form');
    await expect.poll(() => slotValue(page, 'meal').textContent()).toBe('牛肉套餐');
    await say(page, '13812345678');
    await expect.poll(() => page.locator('[data-requested]').textContent()).toBe('address');
    // sensitive values are masked for a viewer without a token
    await expect.poll(() => slotValue(page, 'phone').textContent()).toBe('138****5678');
    expect(await page.locator('#inspector').textContent()).not.toContain('13812345678');

    await say(page, '不对,改成三份');
    await expect.poll(() => slotValue(page, 'quantity').textContent()).toBe('3');
    await expect.poll(() => page.locator('[data-requested]').textContent()).toBe('address');
    const latest = page.locator('[data-turn]').first();
    expect(await latest.locator('.intent').textContent()).toBeTruthy();
    expect(await latest.locator('.ranking li').count()).toBeGreaterThan(0);
    expect(await latest.locator('.latency').textContent()).toMatch(/\d+ ms/);
    expect(await latest.locator('.path').textContent()).toMatch(/classifier|shortcut|fallback|llm_check|rule/);
    await screenshot(page, 'web-chat-desktop-mid-form');

    // a second tab on the same conversation: the history, then a new turn live
    const second = await context.newPage();
    await second.goto(`${server.url}/chat/`);
    await second.locator('#status[data-status="connected"]').waitFor();
    await expect.poll(() => second.locator('.bubble.user').count()).toBe(4);
    expect(await second.locator('.bubble.user').last().textContent()).toContain('不对,改成三份');
    const secondBots = await botBubbles(second).count();

    await say(page, '北京市海淀区中关村大街1号');
    await second.locator('.bubble.user', { hasText: '北' }).last().waitFor({ timeout: 5000 });
    await expect.poll(() => botBubbles(second).count(), { timeout: 5000 }).toBeGreaterThan(secondBots);
    // the order summary, with the corrected quantity, arrived in the second tab
    expect((await botBubbles(second).allTextContents()).slice(secondBots).join(' ')).toContain('3 份');
    await expect.poll(() => second.locator('[data-form]').textContent()).toMatch(/无|none/);
    await screenshot(second, 'web-chat-second-tab-live');
    await second.close();
    await page.close();
  });

  it('a pasted admin token shows plaintext; buttons send their payload; the conversation survives a reload', async () => {
    const secured = await startServer({
      project: examplePath('order-zh'), agent: sensitive,
      server: { authToken: 'web-secret', channels: { rest: {}, socketio: { sessionPersistence: true } } },
    });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    try {
      const page = await ctx.newPage();
      await page.goto(`${secured.url}/chat/`);
      await page.locator('#status[data-status="connected"]').waitFor();
      await expect.poll(() => page.locator('.notice').textContent()).toMatch(/token/i);
      await page.locator('.token summary').click();
      await page.fill('#token', 'web-secret');
      await page.click('#token-form button');
      await page.locator('[data-masked="false"]').waitFor();

      await say(page, '你好');
      // a button sends its payload and shows its title
      const turns = await page.locator('[data-turn]').count();
      const button = page.locator('.bubble.bot .quick').first();
      const title = await button.textContent();
      expect(await button.getAttribute('data-payload')).toBe('/affirm');
      await button.click();
      await expect.poll(() => page.locator('[data-turn]').count()).toBeGreaterThan(turns);
      expect(await page.locator('.bubble.user').last().textContent()).toBe(title);
      expect(await page.locator('[data-turn] .intent').first().textContent()).toBe('affirm');

      await say(page, '我要两份牛肉套餐');
      await say(page, '13812345678');
      await expect.poll(() => slotValue(page, 'phone').textContent()).toBe('13812345678');

      await page.reload();
      await page.locator('#status[data-status="connected"]').waitFor();
      await expect.poll(() => page.locator('.bubble.user').count()).toBe(4);
      expect(await page.locator('.bubble.user').last().textContent()).toBe('13812345678');
      expect(await page.locator('.bubble.user').nth(1).textContent()).toBe(title); // the button's title, not /affirm
      await expect.poll(() => page.locator('[data-turn]').count()).toBe(4); // the inspector lists the history's turns
      await screenshot(page, 'web-chat-authorised-en');
    } finally {
      await ctx.close();
      await secured.close();
    }
  });

  it('reads well on a phone: the inspector is a drawer', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const page = await phone.newPage();
      await page.goto(`${server.url}/chat/?session=phone-1`);
      await page.locator('#status[data-status="connected"]').waitFor();
      await say(page, '我要一份鸡腿套餐');
      expect(await page.locator('#inspector').isVisible()).toBe(true);
      const box = await page.locator('#inspector').boundingBox();
      expect(box?.x ?? 0).toBeGreaterThanOrEqual(390); // off-screen until opened
      await screenshot(page, 'web-chat-phone-chat');
      await page.click('#toggle-inspector');
      await page.waitForTimeout(300);
      expect((await page.locator('#inspector').boundingBox())?.x).toBe(0);
      await expect.poll(() => slotValue(page, 'meal').textContent()).toBe('鸡腿套餐');
      await screenshot(page, 'web-chat-phone-inspector');
    } finally {
      await phone.close();
    }
  });

  it('reconnects after a dropped connection and continues the same conversation', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/chat/?session=drop-1`);
    await page.locator('#status[data-status="connected"]').waitFor();
    await say(page, '我要一份素食套餐');
    // drop the transport under the client (what a flaky mobile network does)
    await page.evaluate('window.parley.socket.io.engine.close()');
    await page.locator('#status[data-status="offline"]').waitFor();
    await page.locator('#status[data-status="connected"]').waitFor({ timeout: 10_000 });
    await say(page, '13612345678');
    const state = await (await fetch(`${server.url}/conversations/drop-1/state`)).json() as { slots: Record<string, unknown>; requested_slot: string };
    expect(state.slots['meal']).toBe('素食套餐');
    expect(state.requested_slot).toBe('address');
    await page.close();
  });

  it('loads no external resources', async () => {
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) external.push(r.url()); });
    await page.goto(`${server.url}/chat/`);
    await page.locator('#status[data-status="connected"]').waitFor();
    expect(external).toEqual([]);
    await page.close();
  });
});
