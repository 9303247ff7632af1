// support-en's in-process action (loaded through endpoints.yml `parley: actions:`).
//
// An order number typed wrong (AB12345, AB1234567, 12345678) matches neither the regex nor what the
// tagger learnt, so the form would just ask for the number again, as if nothing had been said.
// action_validate_slot_mappings, run after the slot mappings on every message, says what is wrong
// with it first; the form then asks again. A message with several order numbers ("AB123456 and
// CD654321") would have the slot keep one of them; the action notes them all for the status reply.
import { botEvent, defineAction, slotEvent } from 'parley';

/** What the order system stores (the EntityValueNormalizer's output): two letters, six digits. */
const ORDER_NUMBER = /^[A-Z]{2}\d{6}$/u;
/**
 * Something typed as an order number: a few letters joined to digits (AB12345, ab-1234567), or a run
 * of five to nine digits (a phone number is longer). Letters apart from the digits are a word ("is 555…").
 */
const LOOKS_LIKE_ONE = /(?<![\p{L}\p{N}])(?:[a-z]{1,3}-?\d(?:[\d -]{2,10})\d|\d{5,9})(?![\p{L}\p{N}])/giu;

/** An order number as the order system writes it: upper case, no spaces or dashes. */
const compact = (typed) => typed.replace(/[\s-]/gu, '').toUpperCase();

/**
 * The first thing in `text` typed as an order number that is not one (upper case, without spaces or
 * dashes): an order number the NLU found that is not one, else, when it found none, something in the text.
 * @returns {string | undefined}
 */
export function wrongOrderNumber(text, entities) {
  const found = entities.filter((e) => e.entity === 'order_number').map((e) => compact(String(e.value)));
  // the tagger can read AB12345 as an order number, which the order system would not find
  const invalid = found.find((n) => !ORDER_NUMBER.test(n));
  if (invalid !== undefined) return invalid;
  if (found.length > 0) return undefined;
  for (const m of text.matchAll(LOOKS_LIKE_ONE)) {
    const typed = compact(m[0]);
    if (!ORDER_NUMBER.test(typed)) return typed;
  }
  return undefined;
}

/** What the bot says of something typed as an order number that is not one. */
const explanation = (wrong) => `${wrong} doesn't look like one of our order numbers: they're two letters followed by six digits, like AB123456.`;

/** Whether the bot has said `text` since the latest user message. */
function saidThisTurn(events, text) {
  for (let i = events.length - 1; i >= 0 && events[i].event !== 'user'; i--) if (events[i].event === 'bot' && events[i].text === text) return true;
  return false;
}

/** The distinct order numbers the NLU found in the message, in the order they were typed. */
export function orderNumbersSaid(entities) {
  const numbers = entities.filter((e) => e.entity === 'order_number').sort((a, b) => a.start - b.start).map((e) => String(e.value));
  return [...new Set(numbers)];
}

/** The ones of them the order system could find. */
const realOrderNumbers = (entities) => orderNumbersSaid(entities).filter((n) => ORDER_NUMBER.test(n));

/** AB123456 and CD654321; AB123456, CD654321 and EF111111 */
const listed = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The slots that make utter_order_status name every order of a message with several (its variant for several_orders). */
function severalOrders(entities) {
  const numbers = realOrderNumbers(entities);
  return numbers.length < 2 ? [] : [slotEvent('several_orders', true), slotEvent('order_numbers', listed(numbers))];
}

/** Words of a message about another order than the one just reported. */
const OTHER_ORDER = /\b(?:other|another|different|second|new)\b/iu;

/**
 * A yes to "Is this about order AB123456 again?" (the form's question after a status): that order's number.
 */
function sameOrderAgain(tracker, asked, entities) {
  const last = tracker.slots.last_order_number;
  const message = tracker.state.latestMessage;
  // "what about my other order?": the form asks for the number, not whether it is the same order
  if (!asked && tracker.slots.has_last_order === true && OTHER_ORDER.test(message?.text ?? '')) return [slotEvent('has_last_order', false)];
  const yes = message?.parse_data.intent?.name === 'affirm';
  if (!asked || !yes || typeof last !== 'string' || entities.some((e) => e.entity === 'order_number')) return [];
  return [slotEvent('order_number', last)];
}

/** Intents of a message that may carry an order number. */
const ABOUT_AN_ORDER = new Set(['check_order_status', 'inform', 'affirm']);

export const actions = [
  defineAction('action_validate_slot_mappings', ({ tracker }) => {
    const message = tracker.state.latestMessage;
    if (!message) return [];
    const earlier = tracker.beforeLatestUserMessage().slots;
    const asked = earlier.requested_slot === 'order_number';
    if (!asked && !ABOUT_AN_ORDER.has(message.parse_data.intent?.name)) return [];
    const entities = message.parse_data.entities ?? [];
    const wrong = wrongOrderNumber(message.text ?? '', entities);
    if (wrong === undefined) return [...severalOrders(entities), ...sameOrderAgain(tracker, asked, entities)];
    const text = explanation(wrong);
    // a number that is not one never stays in the slot: the last real one of the message, else the one before
    const slot = tracker.slots.order_number;
    const kept = typeof slot === 'string' && !ORDER_NUMBER.test(slot) ? [slotEvent('order_number', realOrderNumbers(entities).at(-1) ?? earlier.order_number ?? null)] : [];
    // the action runs again when the form starts within the same turn: say it once
    return [...kept, ...(saidThisTurn(tracker.events, text) ? [] : [botEvent(text)])];
  }),
  // After the status: the number is cleared, so that "what about my other order?" asks for one, and kept as
  // the order a follow-up may be about ("when will it arrive?" → "Is this about order AB123456 again?").
  defineAction('action_forget_order', ({ tracker }) => {
    const reported = tracker.slots.order_number;
    return [
      slotEvent('order_number', null), slotEvent('several_orders', null), slotEvent('order_numbers', null),
      ...(typeof reported === 'string' ? [slotEvent('last_order_number', reported), slotEvent('has_last_order', true)] : []),
    ];
  }),
  // The form's rules apologise (utter_default) for an answer it cannot use, then ask again. After "CD55555
  // doesn't look like one of our order numbers…" the apology only repeats that the answer was not taken.
  defineAction('action_apologise_unless_explained', ({ tracker, domain }) => {
    const message = tracker.state.latestMessage;
    const wrong = message ? wrongOrderNumber(message.text ?? '', message.parse_data.entities ?? []) : undefined;
    if (wrong !== undefined && saidThisTurn(tracker.events, explanation(wrong))) return [];
    const text = domain.responses?.utter_default?.[0]?.text ?? null;
    return [botEvent(text, {}, { utter_action: 'utter_default' })];
  }),
];
