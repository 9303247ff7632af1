// 小馋猫的进程内动作（endpoints.yml 的 `parley: actions:` 加载）：一单点几款套餐。
// order-zh's in-process actions (loaded through endpoints.yml `parley: actions:`): orders of several meals.
//
// The form asks for one meal and its quantity: the slots `meal` and `quantity` hold the order's first
// line, and the slot mappings fill them as before. A message naming several meals ("两份牛肉套餐和一份
// 鸡腿套餐"), adding a meal ("再来一份鸡腿套餐"), changing a later line ("鸡腿套餐改成三份"), replacing a
// meal ("牛肉套餐换成儿童套餐") or taking one off ("鸡腿套餐不要了") would make the mappings overwrite the
// first line with the last meal named; action_validate_slot_mappings, run after the mappings on every
// message, keeps each meal on its own line instead: the first in `meal` / `quantity`, the others in
// `more_items`, and all of them spelled in `order_summary` for the confirmation. What it cannot do
// (taking away more than was ordered, a meal not in the order) it says, and the order stays as it was.
import { botEvent, defineAction, foldChinese, restartEvent, slotEvent, statedAmount } from 'parley';

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

const NOT_UNDERSTOOD = 'nlu_fallback';
/** The intents of a message that may name something to order (a message not understood may too). */
const ORDERING_INTENTS = new Set(['order_meal', 'inform', 'change_order', NOT_UNDERSTOOD]);

/**
 * What a message says about meals, without the amounts it adds or takes away when the bot answers
 * that it did not understand (as the quantity's `adjust` mappings): the user says it again, and an
 * amount applied both times would be counted twice. Setting a line (鸡腿套餐改成三份) is the same done twice.
 */
export function relativeOnlyIfUnderstood(said, message) {
  return message.parse_data.intent?.name === NOT_UNDERSTOOD ? said.filter((s) => s.role === undefined) : said;
}

/** The quantities of a message without a meal that add ('more') or take away ('fewer'), by the NLU's role or the words before them. */
function quantitiesOfRole(entities, text, role) {
  if (entities.some((e) => e.entity === 'meal')) return [];
  return entities.filter((e) => e.entity === 'quantity' && roleOf(e, text, 0) === role);
}

const amountsOf = (quantities) => quantities.map(amountOf).filter((n) => n !== undefined);

/**
 * The amounts a message without a meal adds by its words alone (还要一份) where the NLU gave the quantity
 * no role: the mappings took such an amount as the new quantity.
 */
export function amountsAddedByWords(entities, text) {
  return amountsOf(quantitiesOfRole(entities, text, 'more').filter((e) => e.role == null));
}

/** The amounts a message without a meal takes away (减十份), for saying when there are not that many. */
export function amountsTaken(entities, text) {
  return amountsOf(quantitiesOfRole(entities, text, 'fewer'));
}

/** The order's lines: the first from the slots meal / quantity, the others from more_items. */
function linesOf(slots) {
  const first = slots.meal ? [{ meal: String(slots.meal), quantity: typeof slots.quantity === 'number' ? slots.quantity : null }] : [];
  const more = Array.isArray(slots.more_items) ? slots.more_items.map((l) => ({ meal: String(l.meal), quantity: l.quantity })) : [];
  return [...first, ...more];
}

/**
 * A line's quantity after the words said about it. Taking away more than the line holds changes
 * nothing and says so in `notes`; taking it all away leaves 0 (the line goes).
 */
function applied(line, said, notes) {
  const amount = said.amount ?? (said.role ? 1 : undefined);
  if (amount === undefined) return line.quantity;
  if (said.role === 'more') return (line.quantity ?? 0) + amount;
  if (said.role !== 'fewer') return amount;
  if (line.quantity === null) return null;
  if (amount > line.quantity) {
    notes.push(tooFew(line, amount));
    return line.quantity;
  }
  return line.quantity - amount;
}

const tooFew = (line, amount) => `${line.meal}现在只点了 ${formatAmount(line.quantity)} 份，减不了 ${formatAmount(amount)} 份哦。`;

/** Words that take a meal off the order (鸡腿套餐去掉, 不要牛肉套餐了). */
const TAKE_OFF = /不要|去掉|删掉|删了|拿掉|不用/u;

/**
 * Whether a message takes a meal off by its words, whatever intent it was given: one meal named, no
 * quantity (鸡腿套餐减一份 takes an amount, not the meal), and a word of taking off (two meals with
 * 不要…要… are a swap).
 */
export function takesOff(entities, text) {
  return entities.filter((e) => e.entity === 'meal').length === 1 && !entities.some((e) => e.entity === 'quantity') && TAKE_OFF.test(text);
}

/** 牛肉套餐换成鸡腿套餐: two meals with a word of replacing between them. */
const SWAP = /换成|改成|换为|改为|变成|换/u;

/** Whether a message naming two meals replaces the first with the second (牛肉套餐换成鸡腿套餐, 不要牛肉套餐了，要鸡腿套餐). */
export function isSwap(entities, text) {
  const meals = entities.filter((e) => e.entity === 'meal').sort((a, b) => a.start - b.start);
  if (meals.length !== 2) return false;
  const between = text.slice(meals[0].end, meals[1].start);
  return SWAP.test(between) || (/不要[^，,。]{0,2}$/u.test(text.slice(0, meals[0].start)) && /要|来/u.test(between));
}

/** The lines with `from` replaced by `to` (its quantity kept, or joined to a line of `to`). */
function swapped(lines, [from, to], notes) {
  const at = lines.findIndex((l) => l.meal === from.meal);
  if (at < 0) {
    notes.push(`订单里没有${from.meal}哦。`);
    return lines;
  }
  const quantity = to.amount ?? lines[at].quantity;
  const same = lines.findIndex((l, i) => i !== at && l.meal === to.meal);
  if (same < 0) return lines.map((l, i) => (i === at ? { meal: to.meal, quantity } : l));
  const joined = lines.map((l, i) => (i === same ? { ...l, quantity: (l.quantity ?? 0) + (quantity ?? 0) } : l));
  return joined.filter((_, i) => i !== at);
}

/** The lines without the meals named; the last one stays (cancelling the order is 取消订单). */
function removed(lines, said, notes) {
  for (const s of said) if (!lines.some((l) => l.meal === s.meal)) notes.push(`订单里没有${s.meal}哦。`);
  const left = lines.filter((l) => !said.some((s) => s.meal === l.meal));
  if (left.length > 0 || lines.length === 0) return left;
  notes.push(`订单里只有${lines.map((l) => l.meal).join('、')}了；不想要了可以说“取消订单”。`);
  return lines;
}

/**
 * The order's lines after a message, or undefined when the slot mappings already read it right (one
 * meal, and the order's only line or a new first meal; no meal at all).
 * @param lines the lines before the message
 * @param said what the message says about meals (mealsSaid)
 * @param notes where what could not be done is said (taking away more than a line holds)
 * @param how `removing`: the message takes the meals off (remove_item); `swap`: it replaces the first meal by the second
 */
export function nextLines(lines, said, notes = [], how = {}) {
  if (said.length === 0) return undefined;
  if (how.removing) return removed(lines, said, notes);
  if (how.swap) return lines.length > 0 ? swapped(lines, said, notes) : [{ meal: said[1].meal, quantity: said[1].amount ?? null }];
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
    if (line) line.quantity = applied(line, s, notes);
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

const spoken = (events, text) => {
  for (let i = events.length - 1; i >= 0 && events[i].event !== 'user'; i--) if (events[i].event === 'bot' && events[i].text === text) return true;
  return false;
};

/**
 * What a message changed in the order, said back (已把牛肉套餐改成 3 份): a change made silently leaves
 * the user unsure it was understood. A quantity given for the first time is an answer, not a change.
 */
function acknowledgement(before, after) {
  const added = after.filter((l) => !before.some((b) => b.meal === l.meal));
  const gone = before.filter((b) => !after.some((l) => l.meal === b.meal));
  if (added.length === 1 && gone.length === 1) return `已把${gone[0].meal}换成${added[0].meal}。`;
  const recounted = after.filter((l) => before.some((b) => b.meal === l.meal && b.quantity !== null && b.quantity !== l.quantity));
  const parts = [
    ...added.map((l) => `已加上${l.meal} ${formatAmount(l.quantity ?? 1)} 份`),
    ...recounted.map((l) => `已把${l.meal}改成 ${l.quantity === null ? '?' : formatAmount(l.quantity)} 份`),
    ...gone.map((l) => `已去掉${l.meal}`),
  ];
  return parts.length > 0 ? `${parts.join('，')}。` : undefined;
}

/** What a rider cannot find a door by: a place named only by what it is to the user (公司, 家里, 学校). */
const VAGUE_PLACE = /^(?:我|我们|他|她)?的?(?:公司|家|家里|单位|学校|宿舍|办公室|楼下|门口|老地方|这儿|这里|那儿|那里)(?:里|那儿|那里|那边|吧|去|哦|啊|呀|哈)*[。！!，,]*$/u;
/** A particle or punctuation mark that may end a place as said (静安寺旁边吧。). */
const PARTICLE = '(?:吧|哦|啊|呀|哈|[。！!，,])';
const TRAILING_PARTICLES = new RegExp(`${PARTICLE}+$`, 'u');
/** A place given only by what it is near (静安寺旁边, 人民广场附近), with no number a rider could find a door by. */
const NEAR_ONLY = new RegExp(`^[^0-9０-９号楼栋座室层单元]+?(?:的)?(?:旁边|边上|附近|对面|隔壁|周边|一带|后面|那边)${PARTICLE}*$`, 'u');
/** An administrative division: 北京市, 海淀区, 新安街道. */
const DIVISION = '\\p{Script=Han}{1,7}?(?:省|自治区|特别行政区|市|区|县|旗|镇|乡|街道)';
/** A place named only by its divisions (北京市海淀区, 广东省深圳市, 朝阳区): no street, no door. */
const DIVISIONS_ONLY = new RegExp(`^(?:${DIVISION})+${PARTICLE}*$`, 'u');
/** A road's name: 文三路, 中关村大街, 深南大道 (not a bare 道: 知道). */
const ROAD = '\\p{Script=Han}{1,8}?(?:大道|路|街|巷|弄|胡同)';
/** A place named down to its road but with no number (中山路, 杭州市西湖区文三路): a rider cannot find the door. */
const ROAD_ONLY = new RegExp(`^(?:${DIVISION})*${ROAD}(?:[东西南北中]段)?${PARTICLE}*$`, 'u');

/** Where an address starts after words about sending (…送到公司): the tagger sometimes takes the words before it too. */
const SEND_TO = /(?:送到|送去|送至|送往|送过去到|寄到)/gu;
/** Days and parts of a day: 明天, 中午, 晚上. */
const DAY_PARTS = '今天|明天|后天|今晚|明早|明晚|中午|晚上|早上|上午|下午|傍晚';
/** Words of a time of delivery, in a message about sending (明天中午十二点送到…, 晚上七点送过来). */
const DELIVERY_TIME = new RegExp(`${DAY_PARTS}|(?:[0-9０-９]{1,2}|[两三四五六七八九]|十[一二]?)\\s*(?:点|点钟)(?![餐菜单])`, 'u');
const NO_BOOKING = '现在下单会尽快送出（大约 30 分钟），暂时不能预约送餐时间哦。';
/** A message that is a time of delivery and nothing else (明天12点30分, 晚上七点送过来): no place in it. */
const TIME_ONLY = new RegExp(`^(?:${DAY_PARTS}|[0-9０-９]{1,2}\\s*[点:：]\\s*(?:[0-9０-９]{1,2}\\s*分?|半|一刻|三刻)?|[零一二两三四五六七八九十]{1,3}点钟?(?:[零一二三四五六七八九十]{1,3}分?|半|一刻|三刻)?|左右|前后|之前|以前|送过来|送过去|送到|送来|送|吧|哦|[，,。！!\\s])+$`, 'u');

/**
 * A place named by what it is to the user before the address itself (送公司 金融街购物中心B1), or the
 * tail of such a word where the tagger started the span inside it (司 金融街…).
 */
const VAGUE_BEFORE = /^(?:我们|我)?的?(?:公司|司|单位|位|家里|里|家|学校|校|宿舍|舍)(?:吧)?[，,、\s]+(?=\S)/u;

/** … or about changing it (地址改成…): the tagger sometimes starts the address at the verb. */
const CHANGE_TO = /^(?:地址)?(?:改成|改为|换成|换为|改到|换到)/u;

/** The address a message gave, without words about sending or changing it before it. */
export function addressPart(value) {
  const written = String(value).trim();
  // read as simplified characters (換成 is 换成), one for one: the part's length is the same in what the user wrote
  const text = foldChinese(written).replace(VAGUE_BEFORE, '');
  let after = -1;
  for (const m of text.matchAll(SEND_TO)) after = m.index + m[0].length;
  const place = after > 0 && after < text.length ? text.slice(after).trim() : text;
  const change = CHANGE_TO.exec(place);
  const part = change && change[0].length < place.length ? place.slice(change[0].length) : place;
  return written.slice(written.length - part.length);
}

/**
 * An address just given (its slot changed by this message) that a rider could not find a door by
 * (公司, 家里) is not kept: the slot goes back to what it was, and the user is told what to say. A time
 * of delivery is answered too: orders go out at once. A message that only gives a phone number is not
 * an address either, nor digits alone (`number`: the phone check reads them).
 * @returns {{ events: object[], notes: string[], number?: string }}
 */
export function checkAddress(before, now, text, entities = []) {
  const notes = [];
  if (/送/u.test(text) && DELIVERY_TIME.test(text)) notes.push(NO_BOOKING);
  if (now == null || now === before) return { events: [], notes };
  // a time said when the address is asked (the form's from_text mapping, or the tagger's 天12点30分 of 明天12点30分)
  if (TIME_ONLY.test(foldChinese(text))) return { events: [slotEvent('address', before ?? null)], notes: notes.includes(NO_BOOKING) ? notes : [...notes, NO_BOOKING] };
  // the whole message (the form's from_text mapping) when it only gives a phone number
  if (now === text && onlyPhone(text, entities)) return { events: [slotEvent('address', before ?? null)], notes };
  const place = addressPart(now);
  // the checks read the place as simplified characters: 靜安寺旁邊 is 静安寺旁边 (the slot keeps what the user wrote)
  const read = foldChinese(place);
  // digits only (138-1234-567, which the tagger can take for an address): a number, for the phone check
  if (NUMBER_ONLY.test(read)) return { events: [slotEvent('address', before ?? null)], notes, number: place };
  if (VAGUE_PLACE.test(read)) {
    const lead = /^(?:我们|我|他|她)?的?/u.exec(read)?.[0].length ?? 0;
    const tail = /(?:里|那儿|那里|那边|吧|去|哦|啊|呀|哈|[。！!，,])+$/u.exec(read)?.[0].length ?? 0;
    const named = place.slice(lead, place.length - tail);
    // 就送到那儿吧: nothing left to name
    notes.push(named === '' ? '具体送到哪儿呢？骑手要找得到门牌号才能送到哦。' : `“${named}”具体在哪儿呢？骑手要找得到门牌号才能送到哦。`);
    return { events: [slotEvent('address', before ?? null)], notes };
  }
  if (NEAR_ONLY.test(read) || DIVISIONS_ONLY.test(read)) {
    notes.push(`“${place.replace(TRAILING_PARTICLES, '')}”是哪条路、几号呢？骑手要找得到门牌号才能送到哦。`);
    return { events: [slotEvent('address', before ?? null)], notes };
  }
  if (ROAD_ONLY.test(read)) {
    notes.push(`“${place.replace(TRAILING_PARTICLES, '')}”几号呢？骑手要找得到门牌号才能送到哦。`);
    return { events: [slotEvent('address', before ?? null)], notes };
  }
  const kept = completedFromEarlier(before, place) ?? place;
  return { events: kept === now ? [] : [slotEvent('address', kept)], notes };
}

/** The road a place starts with: 文三路 of 文三路487号, 中关村大街 of 中关村大街27号. */
const ROAD_FIRST = new RegExp(`^${ROAD}`, 'u');

/**
 * A new address that starts at a road the earlier one names further on (是文三路487号, after
 * 杭州市西湖区文三路478号) corrects the number: the earlier address's city and district stay in front.
 * @returns {string | undefined} the whole address, or undefined when the place is not such a correction
 */
export function completedFromEarlier(before, place) {
  if (before == null) return undefined;
  const road = ROAD_FIRST.exec(foldChinese(place))?.[0];
  if (road === undefined) return undefined;
  // folding is one character for one, so the place found in the folded text is the same place in the written one
  const at = foldChinese(String(before)).indexOf(road);
  return at > 0 ? `${String(before).slice(0, at)}${place}` : undefined;
}

/** A phone as digits: (+86) 139-1234-5678 → +8613912345678 (the NLU writes an international number as Duckling does). */
const phoneDigits = (typed) => foldChinese(String(typed)).replace(/[\s\-()]/gu, '');

/** Digits and what joins them, nothing else: a number, not a place. */
const NUMBER_ONLY = /^[+]?[\d\s\-()]+$/u;

/**
 * A phone number a rider can call: a mobile (1 and ten more digits), a landline with its area code
 * (0 and 9–11 more), a local landline (7–8 digits) or an international number (+ and 8–15 digits); an
 * extension after 转 / 分机 may follow. 尾号5678 is not one.
 */
const CALLABLE = /^(?:1\d{10}|0\d{9,11}|[2-9]\d{6,7}|\+\d{8,15})(?:(?:转|分机号?|ext\.?)\s*\d{1,6})?$/iu;

/**
 * A phone just given (its slot changed by this message) that is not a whole number to call is not kept:
 * the slot goes back to what it was, and the user is told what is missing.
 * @returns {{ events: object[], notes: string[] }}
 */
export function checkPhone(before, now, typed = undefined) {
  if (now == null || now === before) return { events: [], notes: [] };
  const value = phoneDigits(now);
  if (CALLABLE.test(value)) return { events: [], notes: [] };
  // what the user typed counts (138-1234-567 is a mobile of ten digits, where the NLU may have kept 567 only)
  const typedDigits = foldChinese(typed ?? '').replace(/\D/gu, '');
  const number = typedDigits.length > value.replace(/\D/gu, '').length ? typedDigits : value;
  const digits = (number.match(/\d/gu) ?? []).length;
  const mobile = number.startsWith('1');
  const note = mobile && digits > 7
    ? `这个手机号是 ${digits} 位，少了或多了一位吧？请再说一遍完整的 11 位手机号。`
    : `只有 ${digits} 位数字，骑手打不通哦。请告诉我完整的 11 位手机号，或者带区号的座机号。`;
  return { events: [slotEvent('phone', before ?? null)], notes: [note] };
}

/**
 * The phone slot for a number the tagger took for the address (138-1234-567 after 我的电话是): kept when a
 * rider can call it, else given back with what is missing, as checkPhone says.
 * @returns {{ events: object[], notes: string[] }}
 */
export function phoneFromNumber(before, typed) {
  const digits = phoneDigits(typed);
  if (CALLABLE.test(digits)) return { events: digits === before ? [] : [slotEvent('phone', digits)], notes: [] };
  return checkPhone(before, digits, typed);
}

/** Digit groups joined by a dash or one space: a number as typed (138-1234-567, 138 1234 5678). */
const TYPED_NUMBER = /[+＋]?[0-9０-９]+(?:[ \-－][0-9０-９]+)*/gu;

/** The number as the user typed it around the phone the NLU found (138-1234-567 when it kept 567 only). */
export function phoneAsTyped(text, entities) {
  const phone = entities.find((e) => e.entity === 'phone' && typeof e.start === 'number' && typeof e.end === 'number');
  if (!phone) return undefined;
  for (const m of text.matchAll(TYPED_NUMBER)) if (m.index < phone.end && phone.start < m.index + m[0].length) return m[0];
  return undefined;
}

/** Words around a phone number in a message that gives only the phone (我的电话是…, 手机号：…). */
const PHONE_WORDS = /我的|我|电话号码|电话|手机号码|手机号|手机|号码|联系方式|打|是|为|：|:|[，。,.!！\s]/gu;

/**
 * The whole message taken as the address (from_text, while the form asks for it) when it only gives a
 * phone number: not an address.
 */
export function onlyPhone(text, entities) {
  const phones = entities.filter((e) => e.entity === 'phone' && typeof e.start === 'number' && typeof e.end === 'number');
  if (phones.length === 0 || entities.some((e) => e.entity === 'address')) return false;
  let rest = text;
  for (const e of [...phones].sort((a, b) => b.start - a.start)) rest = rest.slice(0, e.start) + rest.slice(e.end);
  return rest.replace(PHONE_WORDS, '').length === 0;
}

/** Contact details a message changed (given before, now different), said back without their values, which are sensitive. */
const CONTACT = [['phone', '电话'], ['address', '地址']];

function contactAcknowledgement(before, after) {
  const changed = CONTACT.filter(([slot]) => before[slot] != null && after[slot] != null && after[slot] !== before[slot]).map(([, name]) => name);
  if (changed.length > 0) return `已改好${changed.join('和')}。`;
  // given before the form asked for it (the address while it asks for the phone): said to be noted, or the
  // user hears the form ask its own question as if the detail had been missed; given with the answer to
  // that question, the form goes on to its next one and nothing needs saying
  const asked = before.requested_slot;
  if (asked != null && before[asked] == null && after[asked] != null) return undefined;
  const early = CONTACT.filter(([slot]) => before[slot] == null && after[slot] != null && asked != null && asked !== slot).map(([, name]) => name);
  return early.length > 0 ? `好的，${early.join('和')}记下了。` : undefined;
}

/** The details a change can name without its new value (电话错了, 手机号写错了), and the words that name them. */
const DETAIL_WORDS = [
  ['phone', /电话|手机|号码/u],
  ['address', /地址|送到哪/u],
  ['quantity', /份数|数量/u],
  ['meal', /套餐/u],
];

/** The detail a change without a value is about, if the text names one. */
export function detailNamed(text) {
  return DETAIL_WORDS.find(([, pattern]) => pattern.test(text))?.[0];
}

/** utter_ask_change's variation for a detail: the domain holds the words, the action and the response share them. */
export function askForDetail(domain, detail) {
  return (domain.responses?.utter_ask_change ?? []).find((v) => (v.condition ?? []).some((c) => c.name === 'detail_to_change' && c.value === detail))?.text;
}

/** The response the bot answered with before the latest user message (`earlier`: the tracker before it). */
const lastUtterance = (earlier) => earlier.state.latestBotUtterance?.metadata?.utter_action;

const DETAILS = ['meal', 'quantity', 'phone', 'address'];

/**
 * The detail a message at the confirmation names without its new value (电话错了, 地址不对), if any: a
 * change (change_order) would only get the order read back, and a no (deny) the question what to change.
 */
function detailAtConfirmation(tracker, earlier, message, entities) {
  if (tracker.activeLoopName || !['change_order', 'deny'].includes(message.parse_data.intent?.name)) return undefined;
  if (entities.some((e) => DETAILS.includes(e.entity)) || lastUtterance(earlier) !== 'utter_confirm_order') return undefined;
  return detailNamed(foldChinese(message.text ?? ''));
}

/**
 * What an order names that is not on the menu (再来一份宫保鸡丁, 我想吃麻辣烫): the words right after a
 * quantity, or after 想吃 / 要 / 来 …, up to the end of the clause, when the message names no meal of
 * the menu. Left to the mappings, the quantity would have gone to a meal of the order instead.
 */
const AFTER_ORDER_WORD = /(?:想吃|想要|想点|来|要|点|吃|加)(?:[一二两三四五六七八九十百\d]+|[俩仨几])?[份个碗盒杯瓶碟]?的?(\p{Script=Han}{2,8}?)(?:套餐)?[吧呢啊呀哦嘛了]*$/u;
/** Words that end an order's clause without naming anything (再来一份一样的, 来两份就行). */
const NOT_A_DISH = /^(?:一样|同样|这个|那个|这种|那种|刚才|刚刚|上次|就行|就好|就够|就可以|好了|够了|谢谢|多谢|即可|套餐|东西|吃的|外卖|点餐|订餐|下单|送餐|什么|啥|哪个|多少|一下|一点|点儿|订单|取消|电话|手机|地址|号码)/u;
/** Verbs and measures a lazy match can leave at the front (我要点外卖 → 点外卖). */
const LEADING_ORDER_WORDS = /^(?:点|吃|要|来|个|份|的)+/u;

/** `meals`: the menu's meals; a word of one of them (家庭的, 素的) is not another dish. */
export function dishNotOnMenu(entities, text, meals) {
  if (entities.some((e) => e.entity === 'meal')) return undefined;
  // the clause the order ends with, after the last entity (a quantity's 份 is part of it)
  const last = entities.reduce((end, e) => Math.max(end, e.end), 0);
  const clauses = text.slice(last).split(/[，,。.！!？?；;\s~～]+/u).filter((c) => c !== '');
  const clause = clauses[clauses.length - 1] ?? '';
  const afterQuantity = last > 0 && entities.some((e) => e.entity === 'quantity' && e.end === last) && clauses.length === 1 ? clause : undefined;
  const dish = afterQuantity !== undefined
    ? /^的?(\p{Script=Han}{2,8}?)(?:套餐)?[吧呢啊呀哦嘛了]*$/u.exec(afterQuantity)?.[1]
    : AFTER_ORDER_WORD.exec(clause)?.[1];
  const name = dish?.replace(LEADING_ORDER_WORDS, '');
  if (name === undefined || name.length < 2 || NOT_A_DISH.test(name)) return undefined;
  const core = name.replace(/的$/u, '');
  return meals.some((m) => m.includes(core) || core.includes(m.replace(/套餐$/u, ''))) ? undefined : name;
}

/** What the bot says to a dish that is not on the menu. */
export const notOnMenu = (dish, meals) => `抱歉，菜单上没有${dish}哦。我们有${meals.join('、')}。`;

/** 配送费 3 元，满 30 元免配送费 (utter_chitchat/ask_delivery says so to the user). */
const DELIVERY_FEE = 3;
const FREE_DELIVERY_FROM = 30;

/** Each meal's price, read from utter_menu ("1. 牛肉套餐 ¥32（…）"): the menu the user reads is the price list. */
export function menuPrices(domain) {
  const menu = domain.responses?.utter_menu?.[0]?.text ?? '';
  return new Map([...menu.matchAll(/(\S+套餐)\s*[¥￥](\d+(?:\.\d+)?)/gu)].map((m) => [m[1], Number(m[2])]));
}

/**
 * What the confirmation says the order costs: ¥160, or ¥25（含配送费 ¥3） under the free-delivery amount;
 * null while a line has no quantity or a meal has no price (the form is still asking).
 */
export function orderTotal(lines, prices) {
  if (lines.length === 0 || lines.some((l) => l.quantity === null || !prices.has(l.meal))) return null;
  const food = lines.reduce((sum, l) => sum + prices.get(l.meal) * l.quantity, 0);
  return food >= FREE_DELIVERY_FROM ? `¥${formatAmount(food)}` : `¥${formatAmount(food + DELIVERY_FEE)}（含配送费 ¥${DELIVERY_FEE}）`;
}

/** menuPrices per domain: the domain is loaded once, the total computed on every message. */
const pricesOf = new WeakMap();

/** The slot order_total for these lines, when it changes. */
function totalEvents(lines, domain, slots) {
  if (!pricesOf.has(domain)) pricesOf.set(domain, menuPrices(domain));
  const total = orderTotal(lines, pricesOf.get(domain));
  return total === (slots.order_total ?? null) ? [] : [slotEvent('order_total', total)];
}

/** 来份 / 要个 / 点碗 (的) right before a meal: an order word and a measure word with no number say one portion. */
const ONE_PORTION_BEFORE = /(?:来|要|点|整|买|订)[份个碗盒]的?$/u;

/**
 * The lines with one portion for each meal the message ordered as 来份牛肉套餐 that has no quantity yet
 * (the form would ask 要几份); the same lines when there is none.
 */
export function onePortionWhereImplied(lines, entities, text) {
  const ordered = new Set(entities.filter((e) => e.entity === 'meal' && ONE_PORTION_BEFORE.test(text.slice(Math.max(0, e.start - 3), e.start))).map((e) => String(e.value)));
  if (!lines.some((l) => l.quantity === null && ordered.has(l.meal))) return lines;
  return lines.map((l) => (l.quantity === null && ordered.has(l.meal) ? { ...l, quantity: 1 } : l));
}

/** The responses that list the meals in the menu's order: a bare number after them picks one. */
const MENU_RESPONSES = new Set(['utter_ask_meal', 'utter_clarify_meal', 'utter_menu']);

/** The meals in the menu's order: the buttons of utter_ask_meal (the domain is the one place they are listed). */
export function menuMeals(domain) {
  return (domain.responses?.utter_ask_meal?.[0]?.buttons ?? []).map((b) => b.title);
}

/**
 * A bare number (the regex entity bare_number) where the bot has just listed the meals or asks which
 * one: the meal at that place in the menu ("3" → 素食套餐), if there is one.
 */
export function mealByNumber(entities, meals, askedForMeal) {
  if (!askedForMeal || entities.some((e) => e.entity === 'meal')) return undefined;
  const number = entities.find((e) => e.entity === 'bare_number');
  const n = number ? statedAmount(String(number.value)) : undefined;
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= meals.length ? meals[n - 1] : undefined;
}

/**
 * The amount a message with no meal states (改成三份 → 3, 再来两份 → 2 more), for the reply that names the
 * meal; undefined when it states none the action can read.
 */
/** Words that give an amount to every meal of the order: 都改成一份, 每样各加一份, 全部两份. */
const EVERY_LINE = /都|全部|每样|每种|每款|各|统统/u;

/** Each line after an amount said for all of them (set, or added and taken by its role); the lines as they were if none would be left. */
function everyLine(lines, amount, notes) {
  const next = lines.map((line) => ({ ...line, quantity: applied(line, { meal: line.meal, ...amount }, notes) })).filter((l) => l.quantity === null || l.quantity > 0);
  return next.length > 0 ? next : lines;
}

function amountWithoutMeal(entities, text) {
  const q = entities.find((e) => e.entity === 'quantity' && amountOf(e) !== undefined);
  return q ? { amount: amountOf(q), role: roleOf(q, text, 0) ?? null } : undefined;
}

/**
 * The lines after a reply to "which meal?" that names one meal of the order and no amount (鸡腿套餐):
 * the amount kept from the question's message goes to it; undefined when the reply is something else.
 */
function answeredWhichLine(lines, said, pending, notes) {
  if (!pending || said.length !== 1 || said[0].amount !== undefined || said[0].role !== undefined) return undefined;
  if (!lines.some((l) => l.meal === said[0].meal)) return undefined;
  // as if the reply had said the amount with the meal (鸡腿套餐改成三份)
  return nextLines(lines, [{ meal: said[0].meal, amount: pending.amount, role: pending.role ?? undefined }], notes);
}

/** The question for an amount said with no meal on an order of several meals. */
const whichLine = (lines) => `您点了${summaryOf(lines)}，要改哪一款？说套餐名就行，比如“${lines[lines.length - 1].meal}”。`;

/**
 * The lines after a message the slot mappings read (no meal, or one meal for a one-line order), with
 * what they could not do said: taking from the first line more than it holds (the mapping leaves it),
 * or all of it (the line goes when others are left, else it stays: cancelling is 取消订单).
 * `lineUnnamed`: the mappings changed the first line's quantity for a message naming no meal on an order of
 * several (改成三份, 再来两份): nothing changes, and which line is asked.
 */
function afterMappings(before, now, taken, added, notes, lineUnnamed) {
  const first = before[0];
  if (lineUnnamed) {
    notes.push(whichLine(before));
    return before;
  }
  for (const amount of taken) if (first && first.quantity !== null && amount > first.quantity) notes.push(tooFew(first, amount));
  // 还要一份: one more, not one in all
  if (added.length === 1 && first && first.quantity !== null && now[0]?.quantity === added[0]) return [{ ...now[0], quantity: first.quantity + added[0] }, ...now.slice(1)];
  if (now[0]?.quantity !== 0) return now;
  if (now.length > 1) return now.slice(1);
  notes.push('减掉就一份都不剩了哦；不想要了可以说“取消订单”。');
  return [{ ...now[0], quantity: first?.quantity ?? null }];
}

/** An amount no kitchen can make as said: a range (五六份), about a number (十几份, 二十多份, 十来份), or one of two (十份八份的); 五六个人 counts people. */
const PORTION = '(?:[份碗盒]|个(?!人))';
const VAGUE_AMOUNT = new RegExp(`(?:一二|两三|二三|三四|四五|五六|六七|七八|八九)${PORTION}|[一二两三四五六七八九]?十(?:几|多|来)${PORTION}|[0-9一二两三四五六七八九十百]+${PORTION}[0-9一二两三四五六七八九十百]+${PORTION}`, 'u');

/** The vague amount the message gives (五六份), if any. */
export function vagueAmount(text) {
  return VAGUE_AMOUNT.exec(text)?.[0];
}

/**
 * Lines whose quantity `refusal` gives a reason against keep the quantity they had (none, for a new line,
 * so the form asks for it), and the user hears the reason.
 */
function refusedQuantities(lines, before, notes, refusal) {
  const why = (line) => (line.quantity === null ? undefined : refusal(line.quantity));
  if (lines.every((l) => why(l) === undefined)) return lines;
  return lines.map((line) => {
    const reason = why(line);
    if (reason === undefined) return line;
    const kept = before.find((b) => b.meal === line.meal)?.quantity ?? null;
    notes.push(`${line.meal}${reason}${kept === null ? '' : `，还是 ${formatAmount(kept)} 份`}。`);
    return { ...line, quantity: kept };
  });
}

/** A kitchen makes whole portions (一份半 and 半份 are refused). */
const wholePortions = (lines, before, notes) =>
  refusedQuantities(lines, before, notes, (q) => (Number.isInteger(q) ? undefined : `只能按整份点哦，${formatAmount(q)} 份做不了`));

/** The most portions of one meal an order takes: larger orders are catering, taken by phone. */
export const MOST_PORTIONS = 99;

/** An order takes at most MOST_PORTIONS of a meal (两百份 is refused, and the user told to phone). */
export const withinPortionLimit = (lines, before, notes) =>
  refusedQuantities(lines, before, notes, (q) => (q <= MOST_PORTIONS ? undefined : `一单最多点 ${MOST_PORTIONS} 份哦，${formatAmount(q)} 份的团餐请打门店电话预订`));

/** What may go into a note: a seasoning, an ingredient left out, more rice, cutlery, packing (the kitchen's usual requests). */
const INGREDIENT = '(?:香菜|葱花|葱|蒜|姜|花生|味精|洋葱|芝麻|芹菜|肥肉|辣椒)';
/** 香菜 / 葱花和蒜 / 葱、姜、蒜 */
const INGREDIENTS = `${INGREDIENT}(?:[和跟、]${INGREDIENT})*`;
const SEASONING = '(?:盐|油|糖|酱|醋|汤汁|辣椒|辣)';
const SOME = '(?:点儿|一点|点|些)?';
const NOTE_PATTERNS = [
  // spice: 不要辣 / 不辣 / 微辣 / 多放点辣 / 辣一点
  /(?:不要放?|别放|不放|免|不加|别加)辣椒?|不辣|免辣|[微中特重少]辣|变态辣|(?:多放|多加|加)(?:点儿|一点|点|些)?辣椒?|辣一点|辣点儿?/u,
  // an ingredient left out: 不要香菜 / 别放葱 / 香菜不要
  new RegExp(`(?:不要放?|别放|不放|免|去掉|不加|别加)${INGREDIENTS}|${INGREDIENTS}(?:都)?(?:不要|别放|不放)`, 'u'),
  // less or more of a seasoning: 少放点盐 / 多放醋 / 少油
  new RegExp(`(?:少放|多放|少|多)${SOME}${SEASONING}`, 'u'),
  // more rice or soup: 多加点饭 / 米饭多一点 / 饭大份
  new RegExp(`(?:多加|多给|多要|多放|加)${SOME}(?:米饭|饭|汤)|(?:米饭|饭)(?:多一点|多点儿?|多给点|多放点|大份)`, 'u'),
  // cutlery: 不要餐具 / 带两双筷子
  /(?:不要|不用|不需要|免|别给)(?:一次性)?(?:餐具|筷子)|(?:多给|多带|多拿|多要|给|带|拿)?[一二两三四五六七八九十0-9]+(?:双|副|套)(?:筷子|餐具)/u,
  // packing: 汤分开装
  /(?:汤|酱|汁)?(?:分开装|分开放|单独装)/u,
];

/**
 * The kitchen's notes a message asks for (不要辣, 少放点盐, 米饭多一点, 不要餐具), each with where it is,
 * in the order written. The words are the user's own, as written in `written` (the same places as `text`).
 * @returns {{start: number, end: number, note: string}[]}
 */
export function notesSaid(text, written = text) {
  const found = [];
  for (const pattern of NOTE_PATTERNS) {
    for (const m of text.matchAll(new RegExp(pattern.source, 'gu'))) {
      const end = m.index + m[0].length;
      // 三份牛肉套餐，两份不要辣: the portions a note is for belong to it (not a new quantity for the order)
      const start = m.index - (PORTIONS_OF_NOTE.exec(text.slice(0, m.index))?.[1].length ?? 0);
      if (!found.some((f) => start < f.end && f.start < end)) found.push({ start, end, note: written.slice(start, end) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Portions a note is for, said at the start of its clause (，两份不要辣; 其中一份微辣). */
const NOTE_PORTIONS = '(?:[0-9０-９]+|[一二两三四五六七八九十]+)份';
const PORTIONS_OF_NOTE = new RegExp(`(?:^|[，,。；;、\\s]|其中)(${NOTE_PORTIONS}(?:都|的|要)?)$`, 'u');
/** A note for some of the portions only (两份不要辣). */
const FOR_SOME_PORTIONS = new RegExp(`^${NOTE_PORTIONS}`, 'u');

/** A quantity that counts people, not portions: 五个 of 我们五个人够吃吗. */
const countsPeople = (entity, text) => entity.entity === 'quantity' && typeof entity.end === 'number' && /^\s*人/u.test(text.slice(entity.end));

/**
 * The lines the mappings read, where they took an amount that orders nothing (两份 of 三份牛肉套餐，两份不要辣,
 * 五个 of 五个人够吃吗) as the quantity: the first line gets the last amount said elsewhere, else the quantity it had.
 */
function withoutIgnoredAmounts(mapped, before, entities, text) {
  const first = mapped[0];
  if (!first) return mapped;
  const said = entities.filter((e) => e.entity === 'quantity' && amountOf(e) !== undefined && !roleOf(e, text, 0)).at(-1);
  const quantity = said ? amountOf(said) : before.find((b) => b.meal === first.meal)?.quantity ?? null;
  return quantity === first.quantity ? mapped : [{ ...first, quantity }, ...mapped.slice(1)];
}

/** The message with its notes blanked out (same length): 牛肉套餐不要辣 takes no meal off, 多加点饭 adds no portion. */
const withoutNotes = (text, notes) => notes.reduce((t, n) => t.slice(0, n.start) + '，'.repeat(n.end - n.start) + t.slice(n.end), text);

const NO_NOTE = '无';
/**
 * The intents whose messages may carry a note, with a detail of the order (两份牛肉套餐，不要辣): a note
 * alone (不要辣) is read as a no, a change or not understood, and the bot would contradict its own 记下了.
 */
const NOTE_INTENTS = new Set([...ORDERING_INTENTS].filter((i) => i !== NOT_UNDERSTOOD));
const ORDER_DETAILS = new Set(DETAILS);
const SPICE = /辣/u;

/** What may stand around a note said alone: 备注, 麻烦, 记得, 请, particles and punctuation (备注：不要辣哦). */
const NOTE_FILLER = /^(?:[\s，。,.!！~～、：:；;]|备注|其中|麻烦|记得|请|帮我|还有|另外|然后|哦|哈|吧|啊|呀|呢|噢|喔|嗯|谢谢|的)*$/u;

/** Whether the message is kitchen notes and nothing else (不要辣, 少放盐，不要香菜): no order detail for the mappings to read. */
export function onlyNotes(text, notes) {
  return notes.length > 0 && NOTE_FILLER.test(withoutNotes(text, notes));
}

/** The order's note after these notes: a new spice level replaces the old one, other requests are added once. */
export function nextNote(before, said) {
  let parts = before && before !== NO_NOTE ? before.split('，') : [];
  for (const { note } of said) {
    // a spice level for some portions (两份不要辣) goes beside the others; one for the whole order replaces them all
    if (SPICE.test(note) && !FOR_SOME_PORTIONS.test(note)) parts = parts.filter((p) => !SPICE.test(p));
    if (!parts.includes(note)) parts.push(note);
  }
  return parts.length > 0 ? parts.join('，') : NO_NOTE;
}

/** What the bot says to a note (domain.yml's note_only variants say the same). */
const noteAcknowledgement = (note) => `好的，备注：${note}。`;

/**
 * A message of notes alone (不要辣, 备注：少放盐): the note is kept, and what the mappings read into the
 * order from it is undone (asked for the address, 微辣 is no address). With something undone the form
 * takes the message as answered and asks its question again, so the acknowledgement is said here; with
 * nothing undone the form or the policy passes it on as not understood, and the slot note_only makes that
 * response (utter_default, utter_change_ack, utter_ask_change) say the note instead.
 */
function onlyNoteEvents(said, beforeSlots, slots, events) {
  const note = nextNote(beforeSlots.order_note, said);
  const undone = [...DETAILS, 'more_items'].filter((name) => JSON.stringify(slots[name] ?? null) !== JSON.stringify(beforeSlots[name] ?? null));
  if (undone.length === 0) return [slotEvent('order_note', note), slotEvent('note_only', true)];
  const ack = noteAcknowledgement(note);
  return [slotEvent('order_note', note), ...undone.map((name) => slotEvent(name, beforeSlots[name] ?? null)), ...(spoken(events, ack) ? [] : [botEvent(ack)])];
}

/** The slot order_note and its acknowledgement (好的，备注：不要辣。) when the message changes the note. */
function kitchenNoteEvents(said, before, events) {
  if (said.length === 0) return [];
  const note = nextNote(before, said);
  if (note === (before ?? NO_NOTE)) return [];
  const ack = noteAcknowledgement(note);
  return [slotEvent('order_note', note), ...(spoken(events, ack) ? [] : [botEvent(ack)])];
}

/** Words that point to the last order's phone or address: 还是上次那个, 跟之前一样, 老地址, 地址不变. */
const SAME_AS_LAST = /上次|上回|之前|以前|原来|老(?:号码|号|地址|地方)|一样|同一个|不变|没变/u;

/**
 * The last order's phone or address for the detail the form asks for, when the user takes it: a yes to
 * 手机号还是上次尾号…的那个吗？, or words pointing to it (还是上次那个), with no new value in the message.
 */
export function reusedContact(beforeSlots, entities, intent, text) {
  const asked = beforeSlots.requested_slot;
  const last = asked === 'phone' ? beforeSlots.last_phone : asked === 'address' ? beforeSlots.last_address : undefined;
  if (last == null || entities.some((e) => e.entity === asked)) return [];
  // the form's from_text mapping may have taken the whole message as the address: this event comes after it
  return intent === 'affirm' || SAME_AS_LAST.test(text) ? [slotEvent(asked, last)] : [];
}

/**
 * A no to the question whether the last phone or address still stands (不是, 换个号码) with no new value:
 * the question is not asked that way again, and the form asks plainly (the slot set to nothing counts as
 * an answer, so no apology comes first).
 */
export function declinedContact(beforeSlots, entities, intent, text) {
  const asked = beforeSlots.requested_slot;
  const offered = asked === 'phone' ? 'has_last_phone' : asked === 'address' ? 'has_last_address' : undefined;
  if (offered === undefined || beforeSlots[offered] !== true || entities.some((e) => e.entity === asked)) return [];
  return intent === 'deny' || /换|不是|不对|不用/u.test(text) ? [slotEvent(offered, false), slotEvent(asked, null)] : [];
}

/** The slots a new order starts with after this one: the last phone and address, for the next order to ask about. */
export function nextOrderSlots(slots) {
  const phone = slots.phone ?? slots.last_phone ?? null;
  const address = slots.address ?? slots.last_address ?? null;
  return [
    ...(phone === null ? [] : [slotEvent('last_phone', phone), slotEvent('last_phone_tail', String(phone).slice(-4)), slotEvent('has_last_phone', true)]),
    ...(address === null ? [] : [slotEvent('last_address', address), slotEvent('has_last_address', true)]),
  ];
}

export const actions = [
  // action_restart for an ordering bot: the conversation starts again (the policies see no trace of the
  // last order), but the phone and address the user gave stay for the next order to offer
  defineAction('action_next_order', ({ tracker }) => [restartEvent(), ...nextOrderSlots(tracker.slots)]),
  defineAction('action_validate_slot_mappings', ({ tracker, domain }) => {
    const message = tracker.state.latestMessage;
    if (!message) return [];
    const parsed = message.parse_data.entities ?? [];
    const written = message.text ?? '';
    // the message read as the NLU reads it (traditional characters as simplified, １３８ as 138): the
    // cue words below are written in simplified characters (還要 is 还要, 我要點餐 orders no dish 點餐)
    const folded = foldChinese(written);
    const intent = message.parse_data.intent?.name;
    // 不要辣, 少放点盐: the cue words below never read them (牛肉套餐不要辣 takes no meal off, 多加点饭 adds no
    // portion); in a message that orders or changes the order they are notes for the kitchen, kept in order_note
    const noteSpans = notesSaid(folded, written);
    // an amount inside a note (两份 of 两份不要辣) orders nothing, nor a number of people (五个人够吃吗)
    const entities = parsed.filter((e) => !noteSpans.some((n) => typeof e.start === 'number' && e.start >= n.start && e.end <= n.end) && !countsPeople(e, folded));
    const amountIgnored = parsed.some((e) => e.entity === 'quantity' && !entities.includes(e));
    const kitchenNotes = NOTE_INTENTS.has(intent) && entities.some((e) => ORDER_DETAILS.has(e.entity)) ? noteSpans : [];
    const text = withoutNotes(folded, noteSpans);
    // what the message changed is read against the conversation before it
    const earlier = tracker.beforeLatestUserMessage();
    const beforeSlots = earlier.slots;
    const before = linesOf(beforeSlots);
    // only while an order is in progress: with none, the message is passed on as not understood, and the
    // default fallback undoes its events (a note kept there would be lost while the bot said it was kept)
    const ordering = Boolean(tracker.activeLoopName) || before.length > 0;
    if (ordering && onlyNotes(folded, noteSpans)) return onlyNoteEvents(noteSpans, beforeSlots, tracker.slots, tracker.events);
    const reused = reusedContact(beforeSlots, parsed, intent, folded);
    const declined = reused.length === 0 ? declinedContact(beforeSlots, parsed, intent, folded) : [];
    // note_only picks a response's variant for one message only
    const noteOnlyDone = beforeSlots.note_only ? [slotEvent('note_only', null)] : [];
    if (reused.length + declined.length > 0) return [...reused, ...declined, ...noteOnlyDone];
    const noteEvents = [...kitchenNoteEvents(kitchenNotes, beforeSlots.order_note, tracker.events), ...noteOnlyDone];
    // "3" while the bot asks which meal, or right after it listed them, with no meal ordered yet
    const asked = beforeSlots.requested_slot === 'meal' || MENU_RESPONSES.has(lastUtterance(earlier));
    const meals = menuMeals(domain);
    const picked = before.length === 0 ? mealByNumber(entities, meals, asked) : undefined;
    if (picked) {
      const lines = [{ meal: picked, quantity: typeof beforeSlots.quantity === 'number' ? beforeSlots.quantity : null }];
      return [...lineSlots(lines), ...totalEvents(lines, domain, tracker.slots), ...noteEvents];
    }
    // a change naming a detail without its value is told how to give it (for a no, utter_ask_change asks, by detail_to_change)
    const detail = detailAtConfirmation(tracker, earlier, message, entities);
    const hint = detail !== undefined && intent === 'change_order' ? askForDetail(domain, detail) : undefined;
    const notes = [hint].filter((t) => t !== undefined);
    const address = checkAddress(beforeSlots.address, tracker.slots.address, written, entities);
    // a number the tagger took for the address is the phone the user meant, when the message set none
    const phone = address.number !== undefined && tracker.slots.phone === beforeSlots.phone
      ? phoneFromNumber(beforeSlots.phone, address.number)
      : checkPhone(beforeSlots.phone, tracker.slots.phone, phoneAsTyped(written, entities));
    // among the notes (unlike the address's): a message answered with a note is one the form understood,
    // so it asks for the phone again without the apology for an answer it cannot use
    notes.push(...phone.notes);
    const detailEvents = detail !== undefined || beforeSlots.detail_to_change != null ? [slotEvent('detail_to_change', detail ?? null)] : [];
    const swap = isSwap(entities, text);
    // a meal 'taken off' by a note only (鸡腿套餐不要辣, read as remove_item) stays
    const removedByNoteOnly = noteSpans.length > 0 && !TAKE_OFF.test(text);
    const how = { removing: !swap && !removedByNoteOnly && (intent === 'remove_item' || takesOff(entities, text)), swap };
    const allSaid = mealsSaid(entities, text);
    // a dish not on the menu changes nothing (the mappings would have given its quantity to a meal of the order)
    const dish = ORDERING_INTENTS.has(intent) ? dishNotOnMenu(entities, text, meals) : undefined;
    if (dish !== undefined) notes.push(notOnMenu(dish, meals));
    const said = relativeOnlyIfUnderstood(allSaid, message);
    const pending = beforeSlots.pending_amount ?? undefined;
    // only amounts added or taken, in a message not understood: the order stays as it was (the
    // mappings would have made the meal named the first line)
    const explicit = dish !== undefined && before.length > 0 ? before : answeredWhichLine(before, said, pending, notes)
      ?? (said.length === 0 && allSaid.length > 0 ? before : nextLines(before, said, notes, how));
    const mapped = linesOf(tracker.slots);
    const now = amountIgnored ? withoutIgnoredAmounts(mapped, before, entities, text) : mapped;
    const taken = intent === NOT_UNDERSTOOD ? [] : amountsTaken(entities, text);
    // a bare amount still answers the form's question when the first line has none yet
    const quantityAsked = beforeSlots.requested_slot === 'quantity' && before[0]?.quantity === null;
    // 都改成一份 / 每样各加一份: an amount for every line of the order
    const forEvery = allSaid.length === 0 && before.length > 1 && !quantityAsked && EVERY_LINE.test(text) ? amountWithoutMeal(entities, text) : undefined;
    const lineUnnamed = forEvery === undefined && allSaid.length === 0 && before.length > 1 && !quantityAsked && now[0]?.quantity !== before[0].quantity;
    const added = intent === NOT_UNDERSTOOD ? [] : amountsAddedByWords(entities, text);
    const given = explicit ?? (forEvery ? everyLine(before, forEvery, notes) : afterMappings(before, now, taken, added, notes, lineUnnamed));
    const read = onePortionWhereImplied(withinPortionLimit(wholePortions(given, before, notes), before, notes), entities, text);
    // a vague amount (两三份, or 十份八份 read as 8) sets no quantity: each line keeps the one it had, and the user hears why
    const vague = intent === NOT_UNDERSTOOD ? undefined : vagueAmount(text);
    if (vague !== undefined) notes.push(`“${vague}”是几份呢？请说一个确定的份数，比如“5份”。`);
    const lines = vague === undefined ? read : read.map((line) => ({ ...line, quantity: before.find((b) => b.meal === line.meal)?.quantity ?? null }));
    const ack = before.length > 0 ? acknowledgement(before, lines) : undefined;
    const slotsNow = { ...tracker.slots, ...(address.events.length > 0 ? { address: address.events[0].value } : {}), ...(phone.events.length > 0 ? { phone: phone.events[0].value } : {}) };
    const spokenNow = [ack, contactAcknowledgement(beforeSlots, slotsNow), ...notes, ...address.notes].filter((t) => t !== undefined && !spoken(tracker.events, t)).map((t) => botEvent(t));
    // an amount for no line named waits for the reply that names the meal; any other message drops it
    const nextPending = explicit === undefined && lineUnnamed ? amountWithoutMeal(entities, text) : undefined;
    const pendingEvents = nextPending !== undefined || pending !== undefined ? [slotEvent('pending_amount', nextPending ?? null)] : [];
    // the mappings' own reading stands: only the summary follows the first line (a message answered
    // with a note sets the lines again, so that a form takes it as understood, not as unusable)
    // with no order yet, a dish not on the menu leaves the mappings' reading too: its quantity waits for the meal
    const total = totalEvents(lines, domain, tracker.slots);
    if (explicit === undefined && lines === mapped && (notes.length === 0 || (dish !== undefined && before.length === 0))) return [...(now.length > 1 ? moreSlots(now.slice(1), now) : []), ...total, ...pendingEvents, ...detailEvents, ...address.events, ...phone.events, ...noteEvents, ...spokenNow];
    return [...lineSlots(lines), ...total, ...pendingEvents, ...detailEvents, ...address.events, ...phone.events, ...noteEvents, ...spokenNow];
  }),
];
