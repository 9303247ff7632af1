// 小馋猫的进程内动作（endpoints.yml 的 `parley: actions:` 加载）：一单点几款套餐。
// order-zh's in-process actions (loaded through endpoints.yml `parley: actions:`): orders of several meals.
//
// The form asks for one meal and its quantity: the slots `meal` and `quantity` hold the order's first
// line, and the slot mappings fill them as before. A message naming several meals ("两份牛肉套餐和一份
// 鸡腿套餐"), adding a meal ("再来一份鸡腿套餐") or changing a later line ("鸡腿套餐改成三份") would make
// the mappings overwrite the first line with the last meal named; action_validate_slot_mappings, run
// after the mappings on every message, keeps each meal on its own line instead: the first in `meal` /
// `quantity`, the others in `more_items`, and all of them spelled in `order_summary` for the confirmation.
import { botEvent, defineAction, slotEvent, statedAmount } from 'parley';

/** Words just before a quantity (or a meal without one) that add to the order: 再来, 还要, 加, 另外, 多来. */
const ADDS = /(?:再|还要|还来|另外|加|多来|多要)/u;
/** … and that take from it: 减, 少来, 去掉. */
const TAKES = /(?:减|少来|少要|去掉|拿掉)/u;
/** One quantity for every meal named before it: 牛肉套餐和鸡腿套餐各两份. */
const EACH = /(?:各|都|每样|每种)/u;
/** How far before an entity the words above are looked for (characters, within its clause). */
const CUE_WINDOW = 4;

/** The clause's few characters before `start`, not reaching back past `floor` or a punctuation mark. */
function before(text, start, floor) {
  const window = text.slice(Math.max(floor, start - CUE_WINDOW), start);
  const cut = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf('。'), window.lastIndexOf('；'));
  return cut >= 0 ? window.slice(cut + 1) : window;
}

/** The role the NLU gave a quantity, else the one its words state. */
function roleOf(entity, text, floor) {
  if (entity.role === 'more' || entity.role === 'fewer') return entity.role;
  const cue = before(text, entity.start, floor);
  if (TAKES.test(cue)) return 'fewer';
  return ADDS.test(cue) ? 'more' : undefined;
}

const amountOf = (entity) => (typeof entity.value === 'number' ? entity.value : statedAmount(String(entity.value ?? entity.text ?? '')));

/**
 * The meals a message names, each with the quantity that goes with it: quantities stand before
 * their meals (两份牛肉套餐，一份鸡腿套餐) or after them (牛肉套餐两份，鸡腿套餐一份), whichever the
 * message starts with; a quantity after 各 / 都 goes to every meal before it that has none.
 * @returns {{meal: string, amount: number | undefined, role: 'more' | 'fewer' | undefined}[]}
 */
export function mealsSaid(entities, text) {
  const named = entities.filter((e) => e.entity === 'meal' || e.entity === 'quantity').sort((a, b) => a.start - b.start);
  const meals = named.filter((e) => e.entity === 'meal');
  const quantities = named.filter((e) => e.entity === 'quantity' && amountOf(e) !== undefined);
  if (meals.length === 0) return [];
  const quantityFirst = named[0].entity === 'quantity';
  const used = new Set();
  const gapBefore = (i) => [i === 0 ? 0 : meals[i - 1].end, meals[i].start];
  const gapAfter = (i) => [meals[i].end, i + 1 < meals.length ? meals[i + 1].start : text.length];
  const pick = ([from, to], nearestLast) => {
    const inGap = quantities.filter((q) => !used.has(q) && q.start >= from && q.end <= to);
    const q = nearestLast ? inGap[inGap.length - 1] : inGap[0];
    if (q) used.add(q);
    return q;
  };
  const paired = meals.map((_, i) => (quantityFirst ? pick(gapBefore(i), true) : pick(gapAfter(i), false)));
  // a quantity on the other side of its meal (两份牛肉套餐，鸡腿套餐也来两份)
  meals.forEach((_, i) => { paired[i] ??= quantityFirst ? pick(gapAfter(i), false) : pick(gapBefore(i), true); });
  const lines = meals.map((meal, i) => {
    const q = paired[i];
    const floor = i === 0 ? 0 : meals[i - 1].end;
    return { meal: String(meal.value), amount: q ? amountOf(q) : undefined, role: roleOf(q ?? meal, text, floor) };
  });
  const last = paired[paired.length - 1];
  if (!quantityFirst && last && EACH.test(text.slice(meals[meals.length - 1].end, last.start))) {
    for (const line of lines) line.amount ??= amountOf(last);
  }
  return lines;
}

/** The order's lines: the first from the slots meal / quantity, the others from more_items. */
function linesOf(slots) {
  const first = slots.meal ? [{ meal: String(slots.meal), quantity: typeof slots.quantity === 'number' ? slots.quantity : null }] : [];
  const more = Array.isArray(slots.more_items) ? slots.more_items.map((l) => ({ meal: String(l.meal), quantity: l.quantity })) : [];
  return [...first, ...more];
}

/** A line's quantity after the words said about it; 0 or less takes the line off the order. */
function applied(quantity, said) {
  const amount = said.amount ?? (said.role ? 1 : undefined);
  if (amount === undefined) return quantity;
  if (said.role === 'more') return (quantity ?? 0) + amount;
  if (said.role === 'fewer') return quantity === null ? quantity : quantity - amount;
  return amount;
}

/**
 * The order's lines after a message, or undefined when the slot mappings already read it right (one
 * meal, and the order's only line or a new first meal; no meal at all).
 * @param lines the lines before the message
 * @param said what the message says about meals (mealsSaid)
 */
export function nextLines(lines, said) {
  if (said.length === 0) return undefined;
  const adding = said.some((s) => s.role === 'more');
  if (said.length === 1) {
    const [s] = said;
    const at = lines.findIndex((l) => l.meal === s.meal);
    const onlyLine = lines.length <= 1 && (at === 0 || !adding);
    if (lines.length === 0 || onlyLine) return undefined;
    if (at < 0 && !adding) return undefined; // 换成鸡腿套餐: the mappings change the first line
  }
  if (said.length > 1 && !adding) return said.map((s) => ({ meal: s.meal, quantity: s.amount ?? 1 }));
  const next = lines.map((l) => ({ ...l }));
  for (const s of said) {
    const line = next.find((l) => l.meal === s.meal);
    if (line) line.quantity = applied(line.quantity, s);
    else next.push({ meal: s.meal, quantity: s.amount ?? 1 });
  }
  return next.filter((l) => l.quantity === null || l.quantity > 0);
}

const formatAmount = (n) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** 牛肉套餐 2 份、鸡腿套餐 1 份 */
export const summaryOf = (lines) => lines.map((l) => `${l.meal} ${l.quantity === null ? '?' : formatAmount(l.quantity)} 份`).join('、');

/** The slots of an order of these lines. */
function lineSlots(lines) {
  const [first, ...more] = lines;
  return [
    slotEvent('meal', first ? first.meal : null),
    slotEvent('quantity', first ? first.quantity : null),
    ...moreSlots(more, lines),
  ];
}

function moreSlots(more, lines) {
  return [
    slotEvent('more_items', more.length > 0 ? more : null),
    slotEvent('several_meals', more.length > 0),
    slotEvent('order_summary', more.length > 0 ? summaryOf(lines) : null),
  ];
}

/** The slots as they were before the latest user message (what the mappings then changed). */
function slotsBeforeLatestMessage(events) {
  let last = events.length - 1;
  while (last >= 0 && events[last].event !== 'user') last--;
  const slots = {};
  for (const e of events.slice(0, Math.max(0, last))) {
    if (e.event === 'slot') slots[e.name] = e.value;
    else if (e.event === 'reset_slots' || e.event === 'restart') for (const k of Object.keys(slots)) delete slots[k];
  }
  return slots;
}

const spoken = (events, text) => {
  for (let i = events.length - 1; i >= 0 && events[i].event !== 'user'; i--) if (events[i].event === 'bot' && events[i].text === text) return true;
  return false;
};

function acknowledgement(before, after) {
  const added = after.filter((l) => !before.some((b) => b.meal === l.meal));
  const gone = before.filter((b) => !after.some((l) => l.meal === b.meal));
  const parts = [
    ...added.map((l) => `已加上${l.meal} ${formatAmount(l.quantity ?? 1)} 份`),
    ...gone.map((l) => `已去掉${l.meal}`),
  ];
  return parts.length > 0 ? `${parts.join('，')}。` : undefined;
}

export const actions = [
  defineAction('action_validate_slot_mappings', ({ tracker }) => {
    const message = tracker.state.latestMessage;
    if (!message) return [];
    const before = linesOf(slotsBeforeLatestMessage(tracker.events));
    const next = nextLines(before, mealsSaid(message.parse_data.entities ?? [], message.text ?? ''));
    if (next === undefined) {
      // the mappings changed the first line (or nothing): the summary follows it
      const more = Array.isArray(tracker.slot('more_items')) ? tracker.slot('more_items') : [];
      return more.length > 0 ? moreSlots(more, linesOf(tracker.slots)) : [];
    }
    const ack = before.length > 0 ? acknowledgement(before, next) : undefined;
    return [...lineSlots(next), ...(ack && !spoken(tracker.events, ack) ? [botEvent(ack)] : [])];
  }),
];
