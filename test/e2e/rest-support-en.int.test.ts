// The English support bot over the REST webhook of a real listening server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePath, replyTexts, slotsOf, startServer, type RunningServer } from '../support/example-server.js';

describe('support-en over REST', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startServer({ project: examplePath('support-en') }); });
  afterAll(async () => { await server.close(); });

  const texts = replyTexts;
  const slots = (sender: string) => slotsOf(server, sender);

  it('takes a yes or a no to the greeting\'s offer to check an order', async () => {
    const yes = 'en-user-yes';
    await server.say(yes, 'hi there');
    expect(texts(await server.say(yes, 'yes please'))).toMatch(/order number/i);
    expect(await slots(yes)).toMatchObject({ requested_slot: 'order_number' });
    const no = 'en-user-no';
    await server.say(no, 'hello');
    expect(texts(await server.say(no, 'no thanks'))).toContain('No problem');
    expect(await slots(no)).toMatchObject({ requested_slot: null });
  });

  it('answers a greeting while the form waits for the number without offering to check an order again', async () => {
    const u = 'en-user-hello-again';
    await server.say(u, 'where is my order');
    expect(await slots(u)).toMatchObject({ requested_slot: 'order_number' });
    const reply = await server.say(u, 'hello?');
    expect(texts(reply)).toContain("Let's find that order");
    expect(reply.some((m) => m['buttons'] !== undefined)).toBe(false);
    expect(await slots(u)).toMatchObject({ requested_slot: 'order_number' });
    expect(texts(await server.say(u, 'it is ab 123-456'))).toContain('AB123456');
  });

  it('says an order number typed wrong is not one before asking again, once, and takes the right one next', async () => {
    const u = 'en-user-wrong-number';
    // before, the form only asked again, as if nothing had been said
    const reply = texts(await server.say(u, 'hey can u check order ab12345'));
    expect(reply).toContain("AB12345 doesn't look like one of our order numbers");
    expect(reply.split("doesn't look like").length).toBe(2);
    expect(await slots(u)).toMatchObject({ order_number: null, requested_slot: 'order_number' });
    expect(texts(await server.say(u, 'ab123456'))).toContain('order AB123456');
  });

  it('after saying why a number is not one, does not apologise for the answer too; an answer with no number gets the apology', async () => {
    const u = 'en-user-wrong-number-in-form';
    await server.say(u, 'track order');
    // before: the explanation, then "Sorry, I didn't get that", then the question
    const reply = texts(await server.say(u, 'CD55555'));
    expect(reply).toContain("CD55555 doesn't look like one of our order numbers");
    expect(reply).not.toContain("didn't get that");
    expect(reply).toMatch(/order number\?/);
    const noNumber = texts(await server.say(u, "it's the jacket order"));
    expect(noNumber).toContain("Sorry, I didn't get that");
    expect(await slots(u)).toMatchObject({ order_number: null, requested_slot: 'order_number' });
  });

  it('says where the order number is when the user has none, stops asking, and takes the number sent later', async () => {
    const u = 'en-user-no-order-number';
    await server.say(u, "where's my package");
    // before: "i dont have it" got a weather small-talk answer, "I don't have it" stopped the form with no help
    for (const text of ["i dont have it", "I lost the order number"]) {
      const reply = texts(await server.say(u, text));
      expect(reply).toContain('order confirmation email');
      expect(reply).not.toMatch(/rain|Sorry, I didn't get that/);
      expect(await slots(u)).toMatchObject({ order_number: null, requested_slot: null });
    }
    const status = texts(await server.say(u, 'found it: JK246802'));
    expect(status).toContain('latest status for order JK246802');
  });

  it('sends returns, refunds and cancellations to the support team, and stops a form waiting for a number', async () => {
    const u = 'en-user-returns';
    // before: "it doesn't fit" was read as stop ("No problem, I've stopped"), a refund as out of scope
    const fit = texts(await server.say(u, "it doesn't fit"));
    expect(fit).toContain('help@juniper.example');
    expect(fit).not.toMatch(/I've stopped|outside what I can do/);
    await server.say(u, 'where is my order');
    expect(await slots(u)).toMatchObject({ requested_slot: 'order_number' });
    expect(texts(await server.say(u, 'actually I just want a refund'))).toContain('free within 30 days');
    expect(await slots(u)).toMatchObject({ requested_slot: null });
    // still out of scope: what the shop does not do at all
    expect(texts(await server.say(u, 'can you book me a flight to rome'))).toContain('outside what I can do');
  });

  it('answers how long shipping takes and what it costs, and asks for the number again when the form waits for it', async () => {
    const u = 'en-user-shipping';
    // before: the returns answer, a fallback, or "what I can do"
    expect(texts(await server.say(u, 'how long does shipping take'))).toContain('3–5 business days');
    expect(texts(await server.say(u, 'do you ship to canada'))).toContain('We ship to the US, Canada');
    await server.say(u, 'where is my order');
    const during = texts(await server.say(u, 'is shipping free'));
    expect(during).toContain('free on orders over $50');
    expect(during).toMatch(/order number/i);
    expect(await slots(u)).toMatchObject({ requested_slot: 'order_number' });
  });

  it('takes an order number typed in pairs (ab 12 34 56), and a second number as a follow-up (and CD654321?)', async () => {
    const pairs = 'en-user-number-pairs';
    await server.say(pairs, 'track order');
    // before: not understood, and the form asked again
    expect(texts(await server.say(pairs, 'ab 12 34 56'))).toContain('order AB123456');
    const next = 'en-user-second-number';
    await server.say(next, 'order AB123456 status pls');
    // before: inform against check_order_status within the ambiguity threshold, a fallback
    expect(texts(await server.say(next, 'and CD654321?'))).toContain('order CD654321');
  });

  it('asks after every order of a message with several order numbers, and forgets them after the status', async () => {
    const u = 'en-user-two-orders';
    // before: only the last number was kept and reported, the first was lost without a word
    const status = texts(await server.say(u, 'I ordered two things, AB123456 and cd 654321, where are they'));
    expect(status).toContain('latest status for orders AB123456 and CD654321');
    expect(await slots(u)).toMatchObject({ several_orders: null, order_numbers: null, order_number: null });
    expect(texts(await server.say(u, 'where is EF111111'))).toContain('latest status for order EF111111.');
  });

  it('asks whether a follow-up after a status is about the same order, takes a yes, and asks plainly for another order', async () => {
    const u = 'en-user-follow-up';
    await server.say(u, 'has XY987654 shipped yet?');
    // before: the status restarted the conversation, and "when will it arrive" asked for the number as if none had been given
    const asked = texts(await server.say(u, 'and when will it arrive'));
    expect(asked).toContain('Is this about order XY987654 again?');
    expect(texts(await server.say(u, 'yes'))).toContain('latest status for order XY987654');
    expect(await slots(u)).toMatchObject({ order_number: null, last_order_number: 'XY987654' });
    const other = texts(await server.say(u, 'what about my other order'));
    expect(other).not.toContain('XY987654');
    expect(other).toMatch(/order number/);
    expect(texts(await server.say(u, 'CD112233'))).toContain('latest status for order CD112233');
  });

  it('never reports an order number the tagger found that is not one (AB12345), and asks for the number instead', async () => {
    const u = 'en-user-five-digits';
    await server.say(u, "where's my stuff??");
    // before: "Thanks! I've requested the latest status for order AB12345"
    const reply = texts(await server.say(u, 'uhh i think its AB12345'));
    expect(reply).toContain("AB12345 doesn't look like one of our order numbers");
    expect(reply).not.toContain('requested the latest status');
    expect(await slots(u)).toMatchObject({ order_number: null, requested_slot: 'order_number' });
    expect(texts(await server.say(u, 'sorry AB123456'))).toContain('latest status for order AB123456');
  });
});
