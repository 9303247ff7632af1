// order-zh's orders of several meals (examples/order-zh/actions.mjs): which quantity goes with which
// meal, and how a message changes the order's lines.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a JavaScript example module, without type declarations
import { addressPart, amountsAddedByWords, completedFromEarlier, declinedContact, nextOrderSlots, reusedContact, amountsTaken, askForDetail, checkAddress, checkPhone, onlyPhone, detailNamed, dishNotOnMenu, isSwap, mealByNumber, mealsSaid, menuMeals, MOST_PORTIONS, phoneAsTyped, phoneFromNumber, menuPrices, nextLines, nextNote, notesSaid, onePortionWhereImplied, onlyNotes, orderTotal, relativeOnlyIfUnderstood, summaryOf, takesOff, vagueAmount, withinPortionLimit } from '../../examples/order-zh/actions.mjs';

interface Said { meal: string; amount: number | undefined; role: 'more' | 'fewer' | undefined }
interface Line { meal: string; quantity: number | null }
const readMeals = mealsSaid as (entities: object[], text: string) => Said[];
const next = nextLines as (lines: Line[], said: Said[], notes?: string[], how?: { removing?: boolean; swap?: boolean }) => Line[] | undefined;
const taken = amountsTaken as (entities: object[], text: string) => number[];
const addedByWords = amountsAddedByWords as (entities: object[], text: string) => number[];
const summary = summaryOf as (lines: Line[]) => string;

/** Entities as the NLU gives them, found by their text in the message. */
function entities(text: string, ...spans: [string, string, string?][]): object[] {
  let from = 0;
  return spans.map(([entity, surface, role]) => {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`${surface} is not in ${text}`);
    from = start + surface.length;
    return { entity, start, end: from, value: surface, ...(role ? { role } : {}) };
  });
}
const said = (text: string, ...spans: [string, string, string?][]) => readMeals(entities(text, ...spans), text);

describe('mealsSaid', () => {
  it('pairs quantities standing before their meals', () => {
    const t = '我要两份牛肉套餐和一份鸡腿套餐';
    expect(said(t, ['quantity', '两份'], ['meal', '牛肉套餐'], ['quantity', '一份'], ['meal', '鸡腿套餐'])).toEqual([
      { meal: '牛肉套餐', amount: 2, role: undefined }, { meal: '鸡腿套餐', amount: 1, role: undefined },
    ]);
  });

  it('pairs quantities standing after their meals', () => {
    const t = '牛肉套餐两份，鸡腿套餐一份';
    expect(said(t, ['meal', '牛肉套餐'], ['quantity', '两份'], ['meal', '鸡腿套餐'], ['quantity', '一份']).map((s) => s.amount)).toEqual([2, 1]);
  });

  it('gives a quantity after 各 to every meal before it', () => {
    const t = '牛肉套餐和鸡腿套餐各两份';
    expect(said(t, ['meal', '牛肉套餐'], ['meal', '鸡腿套餐'], ['quantity', '两份']).map((s) => s.amount)).toEqual([2, 2]);
    // without 各 the quantity is the last meal's only
    const u = '牛肉套餐和鸡腿套餐两份';
    expect(said(u, ['meal', '牛肉套餐'], ['meal', '鸡腿套餐'], ['quantity', '两份']).map((s) => s.amount)).toEqual([undefined, 2]);
  });

  it('finds a quantity on the other side of its meal', () => {
    const t = '两份牛肉套餐，鸡腿套餐也来三份';
    expect(said(t, ['quantity', '两份'], ['meal', '牛肉套餐'], ['meal', '鸡腿套餐'], ['quantity', '三份']).map((s) => s.amount)).toEqual([2, 3]);
  });

  it('reads adding and taking from the words before a quantity or a meal, or from the NLU role', () => {
    expect(said('再来一份鸡腿套餐', ['quantity', '一份'], ['meal', '鸡腿套餐'])[0]?.role).toBe('more');
    expect(said('还要两份儿童套餐', ['quantity', '两份'], ['meal', '儿童套餐'])[0]?.role).toBe('more');
    expect(said('鸡腿套餐减一份', ['meal', '鸡腿套餐'], ['quantity', '一份'])[0]?.role).toBe('fewer');
    expect(said('再来个鸡腿套餐', ['meal', '鸡腿套餐'])[0]).toEqual({ meal: '鸡腿套餐', amount: undefined, role: 'more' });
    expect(said('给我一份鸡腿套餐', ['quantity', '一份', 'more'], ['meal', '鸡腿套餐'])[0]?.role).toBe('more');
    expect(said('鸡腿套餐改成三份', ['meal', '鸡腿套餐'], ['quantity', '三份'])[0]?.role).toBeUndefined();
    // a cue in an earlier clause is not this quantity's
    expect(said('加点辣，两份牛肉套餐', ['quantity', '两份'], ['meal', '牛肉套餐'])[0]?.role).toBeUndefined();
  });

  it('reads what a message without a meal takes away, and what its words alone add', () => {
    const t = '减十份';
    expect(taken(entities(t, ['quantity', '十份']), t)).toEqual([10]);
    expect(taken(entities('少来两份', ['quantity', '两份', 'fewer']), '少来两份')).toEqual([2]);
    expect(taken(entities('改成两份', ['quantity', '两份']), '改成两份')).toEqual([]);
    // what the words add where the NLU gave no role (the mappings added those it did)
    expect(addedByWords(entities('还要一份', ['quantity', '一份']), '还要一份')).toEqual([1]);
    expect(addedByWords(entities('还要一份', ['quantity', '一份', 'more']), '还要一份')).toEqual([]);
    expect(addedByWords(entities('改成一份', ['quantity', '一份']), '改成一份')).toEqual([]);
    expect(addedByWords(entities('还要一份鸡腿套餐', ['quantity', '一份'], ['meal', '鸡腿套餐']), '还要一份鸡腿套餐')).toEqual([]);
    expect(taken(entities('鸡腿套餐减一份', ['meal', '鸡腿套餐'], ['quantity', '一份']), '鸡腿套餐减一份')).toEqual([]);
  });

  it('ignores quantities that state no amount, and messages without a meal', () => {
    expect(said('十几份牛肉套餐', ['quantity', '十几份'], ['meal', '牛肉套餐'])).toEqual([{ meal: '牛肉套餐', amount: undefined, role: undefined }]);
    expect(said('改成三份', ['quantity', '三份'])).toEqual([]);
  });
});

describe('nextLines', () => {
  const beef = (n: number | null): Line => ({ meal: '牛肉套餐', quantity: n });
  const leg = (n: number | null): Line => ({ meal: '鸡腿套餐', quantity: n });
  const s = (meal: string, amount?: number, role?: 'more' | 'fewer'): Said => ({ meal, amount, role });

  it('leaves one-meal orders to the slot mappings', () => {
    expect(next([], [s('牛肉套餐', 2)])).toBeUndefined();
    expect(next([beef(2)], [s('牛肉套餐', 3)])).toBeUndefined(); // 改成三份牛肉套餐
    expect(next([beef(2)], [s('牛肉套餐', 1, 'more')])).toBeUndefined(); // 再来一份牛肉套餐: the adjust mapping
    expect(next([beef(2)], [s('鸡腿套餐')])).toBeUndefined(); // 换成鸡腿套餐
    expect(next([beef(2), leg(1)], [])).toBeUndefined();
  });

  it('sets every line from a message naming several meals, one each where no quantity is said', () => {
    expect(next([], [s('牛肉套餐', 2), s('鸡腿套餐')])).toEqual([beef(2), leg(1)]);
    expect(next([beef(5)], [s('鸡腿套餐', 2), s('牛肉套餐', 1)])).toEqual([leg(2), beef(1)]);
  });

  it('adds a meal to the order, or to its line', () => {
    expect(next([beef(2)], [s('鸡腿套餐', 1, 'more')])).toEqual([beef(2), leg(1)]);
    expect(next([beef(2), leg(1)], [s('鸡腿套餐', 2, 'more')])).toEqual([beef(2), leg(3)]);
    expect(next([beef(2)], [s('鸡腿套餐', undefined, 'more')])).toEqual([beef(2), leg(1)]);
  });

  it('changes a later line by its meal and takes a line off at zero', () => {
    expect(next([beef(2), leg(1)], [s('鸡腿套餐', 3)])).toEqual([beef(2), leg(3)]);
    expect(next([beef(2), leg(3)], [s('鸡腿套餐', 1, 'fewer')])).toEqual([beef(2), leg(2)]);
    expect(next([beef(2), leg(3)], [s('牛肉套餐', 2, 'fewer')])).toEqual([leg(3)]);
  });

  it('takes from a line no more than it holds, and says so', () => {
    const notes: string[] = [];
    expect(next([beef(2), leg(3)], [s('鸡腿套餐', 5, 'fewer')], notes)).toEqual([beef(2), leg(3)]);
    expect(notes).toEqual(['鸡腿套餐现在只点了 3 份，减不了 5 份哦。']);
  });

  it('replaces one meal by another, keeping its quantity or joining a line of the new meal', () => {
    const kids = (n: number | null): Line => ({ meal: '儿童套餐', quantity: n });
    const notes: string[] = [];
    expect(next([beef(2), leg(1)], [s('牛肉套餐'), s('儿童套餐')], notes, { swap: true })).toEqual([kids(2), leg(1)]);
    expect(next([beef(2), leg(1)], [s('牛肉套餐'), s('鸡腿套餐')], notes, { swap: true })).toEqual([leg(3)]);
    expect(next([beef(2)], [s('牛肉套餐'), s('鸡腿套餐', 3)], notes, { swap: true })).toEqual([leg(3)]);
    expect(notes).toEqual([]);
    expect(next([leg(1)], [s('牛肉套餐'), s('儿童套餐')], notes, { swap: true })).toEqual([leg(1)]);
    expect(notes).toEqual(['订单里没有牛肉套餐哦。']);
    expect(next([], [s('牛肉套餐'), s('鸡腿套餐', 2)], [], { swap: true })).toEqual([leg(2)]);
  });

  it('takes meals off, but never the last one', () => {
    const notes: string[] = [];
    expect(next([beef(2), leg(1)], [s('鸡腿套餐')], notes, { removing: true })).toEqual([beef(2)]);
    expect(next([beef(2), leg(1)], [s('牛肉套餐')], notes, { removing: true })).toEqual([leg(1)]);
    expect(notes).toEqual([]);
    expect(next([beef(2)], [s('牛肉套餐')], notes, { removing: true })).toEqual([beef(2)]);
    expect(notes.at(-1)).toContain('取消订单');
    expect(next([beef(2), leg(1)], [s('儿童套餐')], notes, { removing: true })).toEqual([beef(2), leg(1)]);
    expect(notes.at(-1)).toBe('订单里没有儿童套餐哦。');
  });

  it('spells the lines for the confirmation', () => {
    expect(summary([beef(2), leg(1), { meal: '儿童套餐', quantity: 0.5 }])).toBe('牛肉套餐 2 份、鸡腿套餐 1 份、儿童套餐 0.5 份');
  });
});

describe('isSwap', () => {
  const swap = isSwap as (entities: object[], text: string) => boolean;
  it('is two meals with a word of replacing between them', () => {
    expect(swap(entities('牛肉套餐换成鸡腿套餐', ['meal', '牛肉套餐'], ['meal', '鸡腿套餐']), '牛肉套餐换成鸡腿套餐')).toBe(true);
    expect(swap(entities('把鸡腿套餐改成儿童套餐', ['meal', '鸡腿套餐'], ['meal', '儿童套餐']), '把鸡腿套餐改成儿童套餐')).toBe(true);
    expect(swap(entities('牛肉套餐和鸡腿套餐', ['meal', '牛肉套餐'], ['meal', '鸡腿套餐']), '牛肉套餐和鸡腿套餐')).toBe(false);
    expect(swap(entities('换成鸡腿套餐', ['meal', '鸡腿套餐']), '换成鸡腿套餐')).toBe(false);
    const t = '不要牛肉套餐了，要鸡腿套餐';
    expect(swap(entities(t, ['meal', '牛肉套餐'], ['meal', '鸡腿套餐']), t)).toBe(true);
    const u = '我要牛肉套餐，也要鸡腿套餐';
    expect(swap(entities(u, ['meal', '牛肉套餐'], ['meal', '鸡腿套餐']), u)).toBe(false);
  });
});

describe('takesOff', () => {
  const off = takesOff as (entities: object[], text: string) => boolean;
  it('is a meal named with a word of taking it off and no amount', () => {
    expect(off(entities('鸡腿套餐去掉', ['meal', '鸡腿套餐']), '鸡腿套餐去掉')).toBe(true);
    expect(off(entities('不要牛肉套餐了', ['meal', '牛肉套餐']), '不要牛肉套餐了')).toBe(true);
    expect(off(entities('鸡腿套餐去掉一份', ['meal', '鸡腿套餐'], ['quantity', '一份']), '鸡腿套餐去掉一份')).toBe(false);
    expect(off(entities('要鸡腿套餐', ['meal', '鸡腿套餐']), '要鸡腿套餐')).toBe(false);
    expect(off([], '不要了')).toBe(false);
    const t = '不要牛肉套餐了，要鸡腿套餐';
    expect(off(entities(t, ['meal', '牛肉套餐'], ['meal', '鸡腿套餐']), t)).toBe(false);
  });
});

describe('detailNamed', () => {
  const named = detailNamed as (text: string) => string | undefined;
  it('names the detail a change without a value is about', () => {
    expect(named('电话错了')).toBe('phone');
    expect(named('手机号写错了')).toBe('phone');
    expect(named('地址要改一下')).toBe('address');
    expect(named('份数不对')).toBe('quantity');
    expect(named('套餐选错了')).toBe('meal');
    expect(named('我想改一下')).toBeUndefined();
  });

  it('finds the words for it in utter_ask_change\'s variation for that detail', () => {
    const ask = askForDetail as (domain: object, detail: string) => string | undefined;
    const domain = { responses: { utter_ask_change: [
      { text: '请直接说新的地址', condition: [{ type: 'slot', name: 'detail_to_change', value: 'address' }] },
      { text: '要改哪里呢？' },
    ] } };
    expect(ask(domain, 'address')).toBe('请直接说新的地址');
    expect(ask(domain, 'phone')).toBeUndefined();
  });
});

describe('mealByNumber', () => {
  const byNumber = mealByNumber as (entities: object[], meals: string[], asked: boolean) => string | undefined;
  const menu = menuMeals as (domain: object) => string[];
  const meals = menu({ responses: { utter_ask_meal: [{ text: '想吃哪一款？', buttons: [{ title: '牛肉套餐', payload: '/inform' }, { title: '鸡腿套餐', payload: '/inform' }, { title: '素食套餐', payload: '/inform' }] }] } });
  const bare = (value: string) => [{ entity: 'bare_number', start: 0, end: value.length, value }];

  it('reads the menu from the buttons of utter_ask_meal', () => {
    expect(meals).toEqual(['牛肉套餐', '鸡腿套餐', '素食套餐']);
    expect(menu({ responses: {} })).toEqual([]);
  });

  it('picks the meal at a bare number\'s place, only where the meals were just asked for or listed', () => {
    expect(byNumber(bare('3'), meals, true)).toBe('素食套餐');
    expect(byNumber(bare('三'), meals, true)).toBe('素食套餐');
    expect(byNumber(bare('3'), meals, false)).toBeUndefined();
    expect(byNumber(bare('4'), meals, true)).toBeUndefined();
    expect(byNumber(bare('0'), meals, true)).toBeUndefined();
    expect(byNumber([...bare('2'), { entity: 'meal', start: 2, end: 6, value: '牛肉套餐' }], meals, true)).toBeUndefined();
  });
});

describe('relativeOnlyIfUnderstood', () => {
  const only = relativeOnlyIfUnderstood as (said: Said[], message: object) => Said[];
  const said: Said[] = [{ meal: '鸡腿套餐', amount: 2, role: 'more' }, { meal: '牛肉套餐', amount: 3, role: undefined }];
  const parsed = (intent: string) => ({ parse_data: { intent: { name: intent, confidence: 0.4 } } });
  it('drops amounts added or taken away from a message not understood, so that saying it again counts once', () => {
    expect(only(said, parsed('nlu_fallback'))).toEqual([said[1]]);
    expect(only(said, parsed('change_order'))).toEqual(said);
  });
});

describe('dishNotOnMenu', () => {
  const meals = ['牛肉套餐', '鸡腿套餐', '素食套餐', '儿童套餐', '家庭套餐'];
  const dish = (text: string, ...spans: [string, string, string?][]) => (dishNotOnMenu as (e: object[], t: string, m: string[]) => string | undefined)(entities(text, ...spans), text, meals);

  it('finds what an order names after its quantity or its verb when no meal of the menu is named', () => {
    expect(dish('再来一份宫保鸡丁', ['quantity', '一份'])).toBe('宫保鸡丁');
    expect(dish('来两份宫保鸡丁套餐', ['quantity', '两份'])).toBe('宫保鸡丁');
    expect(dish('我要一份麻辣烫吧', ['quantity', '一份'])).toBe('麻辣烫');
    expect(dish('我想吃麻辣烫')).toBe('麻辣烫');
    expect(dish('来个汉堡')).toBe('汉堡');
    expect(dish('要两杯可乐', ['quantity', '两杯'])).toBe('可乐');
  });

  it('finds nothing in an amount alone, a word of the menu, or words that name nothing', () => {
    expect(dish('再来一份鸡腿套餐', ['quantity', '一份'], ['meal', '鸡腿套餐'])).toBeUndefined();
    for (const [text, q] of [['再来一份吧', '一份'], ['再来一份一样的', '一份'], ['来两份就行', '两份'], ['改成三份', '三份'], ['我要一份', '一份']] as const) {
      expect(dish(text, ['quantity', q])).toBeUndefined();
    }
    // the meal regex's short names, when the NLU missed them: a word of a menu meal
    expect(dish('要家庭的吧')).toBeUndefined();
    expect(dish('要素的')).toBeUndefined();
    for (const text of ['我想点餐', '我要点外卖', '我要下单', '有什么吃的', '我想吃点东西', '你好']) expect(dish(text)).toBeUndefined();
    // an address after the amount is not a dish
    expect(dish('来两份，送到朝阳区建国路88号', ['quantity', '两份'], ['address', '朝阳区建国路88号'])).toBeUndefined();
  });
});

describe('checkAddress', () => {
  const check = checkAddress as (before: string | null | undefined, now: string | null | undefined, text: string, entities?: unknown[]) => { events: { name: string; value: unknown }[]; notes: string[] };

  it('keeps an address a rider can find, without the words about sending before it', () => {
    expect(check(null, '北京市海淀区中关村大街1号', '北京市海淀区中关村大街1号')).toEqual({ events: [], notes: [] });
    expect(addressPart('天中午十二点送到科苑路15号')).toBe('科苑路15号');
    expect(addressPart('改成朝阳区三里屯路19号院3号楼2单元501')).toBe('朝阳区三里屯路19号院3号楼2单元501');
    expect(addressPart('地址改成送到张江路500号')).toBe('张江路500号');
    expect(addressPart('改成')).toBe('改成');
    expect(check(null, '天中午十二点送到科苑路15号', '明天中午十二点送到科苑路15号').events.map((e) => [e.name, e.value])).toEqual([['address', '科苑路15号']]);
  });

  it('takes no time of delivery for an address (明天12点30分, the tagger\'s 天12点30分), and says orders go out at once', () => {
    for (const [now, text] of [['天12点30分', '明天12点30分'], ['晚上七点送过来', '晚上七点送过来'], ['12点', '12点']] as const) {
      const got = check('科苑路15号', now, text);
      expect(got.events.map((e) => [e.name, e.value]), text).toEqual([['address', '科苑路15号']]);
      expect(got.notes, text).toEqual(['现在下单会尽快送出（大约 30 分钟），暂时不能预约送餐时间哦。']);
    }
    expect(check(null, '科苑路15号', '明天中午十二点送到科苑路15号').events).toEqual([]);
  });

  it('asks for the number of an address that stops at its road (中山路, 杭州市西湖区文三路)', () => {
    for (const road of ['中山路', '杭州市西湖区文三路', '深南大道', '天府大道北段', '中关村大街吧']) {
      const got = check('科苑路15号', road, road);
      expect(got.events.map((e) => [e.name, e.value]), road).toEqual([['address', '科苑路15号']]);
      expect(got.notes, road).toEqual([`“${road.replace(/吧$/u, '')}”几号呢？骑手要找得到门牌号才能送到哦。`]);
    }
    for (const door of ['中山路1号', '中关村大街27号院', '望京SOHO']) expect(check(null, door, door).notes, door).toEqual([]);
  });

  it('gives back the address before a vague place (公司, 我家), and says what is missing', () => {
    const vague = check(null, '天中午十二点送到公司', '明天中午十二点送到公司');
    expect(vague.events.map((e) => [e.name, e.value])).toEqual([['address', null]]);
    expect(vague.notes.some((n) => n.includes('“公司”'))).toBe(true);
    const changed = check('科苑路15号', '送到我家吧', '送到我家吧');
    expect(changed.events.map((e) => [e.name, e.value])).toEqual([['address', '科苑路15号']]);
    expect(changed.notes.join('')).toContain('“家”');
    // nothing left to name: no empty quotes (before, “”具体在哪儿呢？)
    const there = check(null, '就送到那儿吧', '就送到那儿吧');
    expect(there.events.map((e) => [e.name, e.value])).toEqual([['address', null]]);
    expect(there.notes).toEqual(['具体送到哪儿呢？骑手要找得到门牌号才能送到哦。']);
  });

  it('gives back digits alone taken for the address (138-1234-567), for the phone check', () => {
    const digits = check(null, '138-1234-567', '我的电话是138-1234-567') as { events: { name: string; value: unknown }[]; number?: string };
    expect(digits.events.map((e) => [e.name, e.value])).toEqual([['address', null]]);
    expect(digits.number).toBe('138-1234-567');
    expect((check(null, '3号楼', '3号楼') as { number?: string }).number).toBeUndefined();
    const fromNumber = phoneFromNumber as (before: string | null, typed: string) => { events: { name: string; value: unknown }[]; notes: string[] };
    expect(fromNumber(null, '138 1234 5678').events.map((e) => [e.name, e.value])).toEqual([['phone', '13812345678']]);
    const short = fromNumber(null, '138-1234-567');
    expect(short.events.map((e) => [e.name, e.value])).toEqual([['phone', null]]);
    expect(short.notes.join('')).toContain('这个手机号是 10 位');
  });

  it('gives back a place named only by its divisions (北京市海淀区), and keeps one with a street, a campus or a building', () => {
    const district = check(null, '北京市海淀区', '北京市海淀区');
    expect(district.events.map((e) => [e.name, e.value])).toEqual([['address', null]]);
    expect(district.notes.join('')).toContain('“北京市海淀区”是哪条路、几号呢？');
    expect(check('科苑路15号', '广东省深圳市南山区吧', '广东省深圳市南山区吧').notes.join('')).toContain('“广东省深圳市南山区”');
    for (const kept of ['北京市海淀区中关村大街1号', '南山区科技园科苑路15号', '浙江大学紫金港校区东一教学楼', '翠苑四区8幢']) {
      expect(check(null, kept, kept)).toEqual({ events: [], notes: [] });
    }
  });

  it('gives back a place given only by what it is near (静安寺旁边), and keeps one with a number', () => {
    const near = check('科苑路15号', '静安寺旁边', '静安寺旁边');
    expect(near.events.map((e) => [e.name, e.value])).toEqual([['address', '科苑路15号']]);
    expect(near.notes.join('')).toContain('“静安寺旁边”是哪条路、几号呢？');
    expect(check(null, '人民广场附近吧', '人民广场附近吧').notes.join('')).toContain('“人民广场附近”');
    expect(check(null, '静安寺旁边的南京西路1601号', '静安寺旁边的南京西路1601号')).toEqual({ events: [], notes: [] });
    expect(check(null, '地铁站2号口对面', '地铁站2号口对面')).toEqual({ events: [], notes: [] });
  });

  it('reads an address typed in traditional characters as simplified, and keeps what the user wrote', () => {
    const near = check(null, '靜安寺旁邊', '靜安寺旁邊');
    expect(near.events.map((e) => [e.name, e.value])).toEqual([['address', null]]);
    expect(near.notes.join('')).toContain('“靜安寺旁邊”是哪条路');
    expect(check(null, '送到我們公司', '送到我們公司').notes.join('')).toContain('“公司”');
    expect(addressPart('地址換成台北市信義區市府路45號')).toBe('台北市信義區市府路45號');
  });

  it('gives back the address before a message that only gives a phone number (taken whole while the form asks for the address)', () => {
    const text = '我的电话是13900001111';
    const phone = { entity: 'phone', value: '13900001111', start: 5, end: 16 };
    expect(check(null, text, text, [phone]).events.map((e) => [e.name, e.value])).toEqual([['address', null]]);
    // the same text as a tagged address, or with a place besides the phone, is left to the other checks
    expect(check(null, text, text, []).events).toEqual([]);
    expect(check(null, '13900001111 海淀区中关村大街1号', '13900001111 海淀区中关村大街1号', [{ ...phone, start: 0, end: 11 }]).events).toEqual([]);
  });

  it('answers a time of delivery, and leaves an address this message did not change alone', () => {
    expect(check('科苑路15号', '科苑路15号', '晚上七点送过来').notes).toHaveLength(1);
    expect(check('科苑路15号', '科苑路15号', '晚上七点送过来').events).toEqual([]);
    // not a time: 一点 is "a little", 点餐 is ordering, and without 送 nothing is about delivery
    expect(check(null, null, '少放一点辣，送快点').notes).toEqual([]);
    expect(check(null, null, '明天有什么套餐').notes).toEqual([]);
    expect(check(null, null, '我想两点餐').notes).toEqual([]);
  });
});

describe('vagueAmount', () => {
  const vague = vagueAmount as (text: string) => string | undefined;

  it('finds a range, an amount about a number, or one of two amounts side by side', () => {
    expect(['五六份', '两三份吧', '十几份', '二十多份吧', '来个十份八份的', '十来份', '我要五六份牛肉套餐'].map(vague))
      .toEqual(['五六份', '两三份', '十几份', '二十多份', '十份八份', '十来份', '五六份']);
  });

  it('finds none in definite amounts, amounts for two meals, a question, or a number of people', () => {
    for (const text of ['两份', '十二份', '一百零五份', '三份牛肉两份鸡腿', '三份，两份鸡腿', '要几份', '3号楼2单元']) expect(vague(text)).toBeUndefined();
    // people, not portions
    expect(vague('我们五六个人，来两份家庭套餐')).toBeUndefined();
    expect(vague('十几个人吃')).toBeUndefined();
    expect(vague('来两三个吧')).toBe('两三个');
  });
});

describe('checkPhone', () => {
  const check = checkPhone as (before: string | null | undefined, now: string | null | undefined, typed?: string) => { events: { name: string; value: unknown }[]; notes: string[] };

  it('keeps a number a rider can call: mobile, landline with or without its area code, international, with an extension', () => {
    for (const phone of ['13812345678', '01062345678', '0571-87654321', '62345678', '+8613912345678', '(+86) 13912345678', '(+1) 4155552671', '01062345678转123', '138 1234 5678']) expect(check(null, phone)).toEqual({ events: [], notes: [] });
    // a phone this message did not change is left alone
    expect(check('5678', '5678')).toEqual({ events: [], notes: [] });
  });

  it('gives back the phone before a number too short to call (尾号5678) or a mobile a digit off, and says what is missing', () => {
    const tail = check(null, '5678');
    expect(tail.events.map((e) => [e.name, e.value])).toEqual([['phone', null]]);
    expect(tail.notes.join('')).toContain('只有 4 位数字');
    const short = check('13900001111', '1381234567');
    expect(short.events.map((e) => [e.name, e.value])).toEqual([['phone', '13900001111']]);
    expect(short.notes.join('')).toContain('10 位');
  });

  it('counts the digits as typed when the NLU kept part of the number (138-1234-567: ten, not three)', () => {
    const text = '我的电话是138-1234-567';
    const typed = phoneAsTyped as (text: string, entities: object[]) => string | undefined;
    const part = { entity: 'phone', value: '567', start: text.indexOf('567'), end: text.length };
    expect(typed(text, [part])).toBe('138-1234-567');
    expect(typed('电话 139 1234 5678 送到3号楼', [{ entity: 'phone', value: '13912345678', start: 3, end: 16 }])).toBe('139 1234 5678');
    expect(typed(text, [])).toBeUndefined();
    const note = check(null, '567', '138-1234-567').notes.join('');
    expect(note).toContain('这个手机号是 10 位');
    expect(note).not.toContain('只有 3 位');
  });
});

describe('onlyPhone', () => {
  const phone = (text: string, value: string) => ({ entity: 'phone', value, start: text.indexOf(value), end: text.indexOf(value) + value.length });

  it('tells a message that only gives a phone number from one that gives an address too', () => {
    expect(onlyPhone('13812345678', [phone('13812345678', '13812345678')])).toBe(true);
    expect(onlyPhone('我的电话是 138 1234 5678。', [phone('我的电话是 138 1234 5678。', '138 1234 5678')])).toBe(true);
    expect(onlyPhone('13812345678 海淀区中关村大街1号', [phone('13812345678 海淀区中关村大街1号', '13812345678')])).toBe(false);
    expect(onlyPhone('海淀区中关村大街1号', [])).toBe(false);
    const both = '电话13812345678，地址海淀区中关村大街1号';
    expect(onlyPhone(both, [phone(both, '13812345678'), { entity: 'address', value: '海淀区中关村大街1号', start: 17, end: 27 }])).toBe(false);
  });
});

describe('addressPart before the address itself', () => {
  it('drops a vague place (送公司 金融街购物中心B1) and the tail of one the tagger started inside', () => {
    expect(addressPart('公司 金融街购物中心B1')).toBe('金融街购物中心B1');
    expect(addressPart('司 金融街购物中心B1')).toBe('金融街购物中心B1');
    expect(addressPart('单位，中关村软件园二期10号楼')).toBe('中关村软件园二期10号楼');
    // a vague place alone stays for checkAddress to answer, and a real place is untouched
    expect(addressPart('公司')).toBe('公司');
    expect(addressPart('家乐福中关村店')).toBe('家乐福中关村店');
  });
});

describe('orderTotal', () => {
  const prices = (menuPrices as (domain: object) => Map<string, number>)({
    responses: { utter_menu: [{ text: '今天的套餐有：\n1. 牛肉套餐 ¥32（红烧牛肉+米饭+例汤）\n2. 鸡腿套餐 ¥28.5（香酥鸡腿）\n3. 素食套餐 ￥22（时蔬三拼）' }] },
  });
  const total = orderTotal as (lines: Line[], prices: Map<string, number>) => string | null;

  it('reads each meal\'s price from the menu the user reads', () => {
    expect([...prices]).toEqual([['牛肉套餐', 32], ['鸡腿套餐', 28.5], ['素食套餐', 22]]);
    expect((menuPrices as (domain: object) => Map<string, number>)({ responses: {} }).size).toBe(0);
  });

  it('adds up the lines, with the delivery fee under the free-delivery amount', () => {
    expect(total([{ meal: '牛肉套餐', quantity: 5 }], prices)).toBe('¥160');
    expect(total([{ meal: '素食套餐', quantity: 1 }, { meal: '鸡腿套餐', quantity: 2 }], prices)).toBe('¥79');
    expect(total([{ meal: '素食套餐', quantity: 1 }], prices)).toBe('¥25（含配送费 ¥3）');
    expect(total([{ meal: '牛肉套餐', quantity: 0.5 }], prices)).toBe('¥19（含配送费 ¥3）');
  });

  it('gives none while a line has no quantity or a meal has no price', () => {
    expect(total([{ meal: '牛肉套餐', quantity: null }], prices)).toBeNull();
    expect(total([{ meal: '牛肉套餐', quantity: 1 }, { meal: '鱼香肉丝', quantity: 1 }], prices)).toBeNull();
    expect(total([], prices)).toBeNull();
  });
});

describe('onePortionWhereImplied', () => {
  const onePortion = onePortionWhereImplied as (lines: Line[], entities: object[], text: string) => Line[];
  const unset = (meal: string): Line[] => [{ meal, quantity: null }];

  it('reads 来份 / 要个 / 点碗 with no number before a meal as one portion', () => {
    for (const [text, meal] of [['来份牛肉套餐', '牛肉套餐'], ['老板要个鸡腿套餐', '鸡腿套餐'], ['点碗牛肉饭吧', '牛肉饭'], ['来份素的', '素']] as const) {
      expect(onePortion(unset(meal), entities(text, ['meal', meal]), text)).toEqual([{ meal, quantity: 1 }]);
    }
  });

  it('leaves a quantity already given, a meal named without the measure word, and other lines as they are', () => {
    const lines = unset('牛肉套餐');
    for (const text of ['我要牛肉套餐', '牛肉套餐来份', '份牛肉套餐']) expect(onePortion(lines, entities(text, ['meal', '牛肉套餐']), text)).toBe(lines);
    const given: Line[] = [{ meal: '牛肉套餐', quantity: 3 }];
    expect(onePortion(given, entities('来份牛肉套餐', ['meal', '牛肉套餐']), '来份牛肉套餐')).toBe(given);
    expect(onePortion([{ meal: '牛肉套餐', quantity: 2 }, { meal: '鸡腿套餐', quantity: null }], entities('再来份鸡腿套餐', ['meal', '鸡腿套餐']), '再来份鸡腿套餐'))
      .toEqual([{ meal: '牛肉套餐', quantity: 2 }, { meal: '鸡腿套餐', quantity: 1 }]);
  });
});

describe('withinPortionLimit', () => {
  const limit = withinPortionLimit as (lines: Line[], before: Line[], notes: string[]) => Line[];

  it('keeps a line over the limit at the quantity it had, or none for a new line, and says why', () => {
    const notes: string[] = [];
    const before: Line[] = [{ meal: '牛肉套餐', quantity: 3 }];
    expect(limit([{ meal: '牛肉套餐', quantity: 203 }, { meal: '鸡腿套餐', quantity: 10000 }], before, notes))
      .toEqual([{ meal: '牛肉套餐', quantity: 3 }, { meal: '鸡腿套餐', quantity: null }]);
    expect(notes).toEqual([
      `牛肉套餐一单最多点 ${MOST_PORTIONS} 份哦，203 份的团餐请打门店电话预订，还是 3 份。`,
      `鸡腿套餐一单最多点 ${MOST_PORTIONS} 份哦，10000 份的团餐请打门店电话预订。`,
    ]);
  });

  it('leaves lines within the limit as they are', () => {
    const notes: string[] = [];
    const lines: Line[] = [{ meal: '牛肉套餐', quantity: MOST_PORTIONS }, { meal: '鸡腿套餐', quantity: null }];
    expect(limit(lines, [], notes)).toBe(lines);
    expect(notes).toEqual([]);
  });
});

describe('notesSaid', () => {
  const notes = (text: string) => (notesSaid as (text: string) => { note: string }[])(text).map((n) => n.note);

  it('finds spice, what to leave out, seasoning, rice, cutlery and packing, in the order written', () => {
    expect(notes('两份牛肉饭不要辣')).toEqual(['不要辣']);
    expect(notes('米饭多一点，不要香菜和葱')).toEqual(['米饭多一点', '不要香菜和葱']);
    expect(notes('微辣，少放点盐，汤分开装，不要餐具')).toEqual(['微辣', '少放点盐', '汤分开装', '不要餐具']);
    expect(notes('再多放点辣')).toEqual(['多放点辣']);
    expect(notes('香菜不要')).toEqual(['香菜不要']);
    expect(notes('多加点饭')).toEqual(['多加点饭']);
  });

  it('takes in the portions a note is for, said at the start of its clause', () => {
    expect(notes('我要三份牛肉套餐，两份不要辣')).toEqual(['两份不要辣']);
    expect(notes('其中一份微辣')).toEqual(['一份微辣']);
    // with no break before it the amount is the order's: 牛肉套餐两份 is two portions, not spice for two
    expect(notes('牛肉套餐两份不要辣')).toEqual(['不要辣']);
  });

  it('finds none in taking a meal off, adding portions, or an address', () => {
    for (const text of ['鸡腿不要了', '牛肉套餐不要了', '多加两份', '少来一份', '送到中关村大街27号', '不要']) expect(notes(text)).toEqual([]);
  });
});

describe('completedFromEarlier', () => {
  const completed = completedFromEarlier as (before: string | null, place: string) => string | undefined;

  it('keeps the city and district in front of a correction that starts at the road the earlier address names', () => {
    expect(completed('杭州市西湖区文三路478号', '文三路487号')).toBe('杭州市西湖区文三路487号');
    expect(completed('北京市海淀区中关村大街1号', '中关村大街27号')).toBe('北京市海淀区中关村大街27号');
    expect(completed('北京市朝阳区建国路66号', '朝阳区建国路88号')).toBe('北京市朝阳区建国路88号');
    // written in traditional characters, kept as written
    expect(completed('台北市信義區市府路45號', '市府路1號')).toBe('台北市信義區市府路1號');
  });

  it('leaves a new address on another road, one from the same start, and a first address alone', () => {
    expect(completed('杭州市西湖区文三路478号', '滨江区江南大道100号')).toBeUndefined();
    expect(completed('文三路478号', '文三路487号')).toBeUndefined();
    expect(completed(null, '文三路487号')).toBeUndefined();
    expect(completed('杭州市西湖区文三路478号', '华星时代广场A座')).toBeUndefined();
  });
});

describe('the last order\'s phone and address', () => {
  type Slots = Record<string, unknown>;
  const reuse = reusedContact as (before: Slots, entities: object[], intent: string, text: string) => { name: string; value: unknown }[];
  const decline = declinedContact as (before: Slots, entities: object[], intent: string, text: string) => { name: string; value: unknown }[];
  const next = nextOrderSlots as (slots: Slots) => { name: string; value: unknown }[];
  const asking = (slot: string): Slots => ({ requested_slot: slot, last_phone: '13812345678', has_last_phone: true, last_address: '朝阳区建国路88号', has_last_address: true });
  const pairs = (events: { name: string; value: unknown }[]) => events.map((e) => [e.name, e.value]);

  it('keeps the phone and address for the next order, or the ones kept before when this order had none', () => {
    expect(pairs(next({ phone: '13812345678', address: '朝阳区建国路88号' }))).toEqual([
      ['last_phone', '13812345678'], ['last_phone_tail', '5678'], ['has_last_phone', true], ['last_address', '朝阳区建国路88号'], ['has_last_address', true],
    ]);
    expect(pairs(next({ phone: null, last_phone: '13900001111' }))).toEqual([['last_phone', '13900001111'], ['last_phone_tail', '1111'], ['has_last_phone', true]]);
    expect(next({})).toEqual([]);
  });

  it('takes the last one on a yes or words pointing to it, for the detail asked, when the message gives no new one', () => {
    expect(pairs(reuse(asking('phone'), [], 'affirm', '是的'))).toEqual([['phone', '13812345678']]);
    expect(pairs(reuse(asking('address'), [], 'inform', '还是上次那个地址'))).toEqual([['address', '朝阳区建国路88号']]);
    expect(reuse(asking('phone'), [{ entity: 'phone' }], 'affirm', '是，13900001111')).toEqual([]);
    expect(reuse(asking('quantity'), [], 'affirm', '是的')).toEqual([]);
    expect(reuse({ requested_slot: 'phone' }, [], 'affirm', '是的')).toEqual([]);
  });

  it('on a no, stops offering it and sets the slot to nothing, so the form asks plainly', () => {
    expect(pairs(decline(asking('phone'), [], 'deny', '不是'))).toEqual([['has_last_phone', false], ['phone', null]]);
    expect(pairs(decline(asking('address'), [], 'change_order', '换个地址'))).toEqual([['has_last_address', false], ['address', null]]);
    expect(decline({ ...asking('phone'), has_last_phone: false }, [], 'deny', '不是')).toEqual([]);
  });
});

describe('onlyNotes', () => {
  const only = (text: string): boolean => (onlyNotes as (t: string, n: object[]) => boolean)(text, (notesSaid as (t: string) => object[])(text));

  it('is a message of notes with at most a word of asking and punctuation around them', () => {
    for (const text of ['不要辣', '微辣', '少放盐，不要香菜', '备注：不要辣哦', '麻烦不要放香菜', '记得不要辣哦', '米饭多一点，谢谢', '备注：多给两双筷子']) expect(only(text), text).toBe(true);
  });

  it('is also notes for some of the portions (其中一份微辣)', () => {
    expect(only('其中一份微辣')).toBe(true);
    expect(only('两份不要辣')).toBe(true);
  });

  it('is not a message with an order detail, a question or anything else beside the note', () => {
    for (const text of ['两份牛肉套餐，不要辣', '13812345678，不要香菜', '不要辣的有哪些', '鸡腿套餐不要辣', '好的，不要辣', '不要了', '你好']) expect(only(text), text).toBe(false);
  });
});

describe('nextNote', () => {
  const next = nextNote as (before: string | null, said: { note: string }[]) => string;
  const said = (...notes: string[]) => notes.map((note) => ({ note }));

  it('adds each request once, and a new spice level replaces the old one', () => {
    expect(next(null, said('不要辣'))).toBe('不要辣');
    expect(next('无', said('少放点盐'))).toBe('少放点盐');
    expect(next('不要辣，少放点盐', said('微辣', '少放点盐'))).toBe('少放点盐，微辣');
    expect(next('不要辣', said())).toBe('不要辣');
    expect(next(null, said())).toBe('无');
  });

  it('keeps spice levels for some portions beside each other, and one for the whole order replaces them all', () => {
    expect(next('一份微辣', said('两份不要辣'))).toBe('一份微辣，两份不要辣');
    expect(next('不要辣', said('一份微辣'))).toBe('不要辣，一份微辣');
    expect(next('一份微辣，两份不要辣，少放盐', said('特辣'))).toBe('少放盐，特辣');
  });
});
