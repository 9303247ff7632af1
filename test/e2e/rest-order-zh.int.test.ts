// The Chinese ordering bot over the REST webhook of a real listening server, including a user
// who changes their mind in the middle of the form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePath, replyTexts, slotsOf, startServer, type RunningServer } from '../support/example-server.js';

describe('order-zh over REST', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startServer({ project: examplePath('order-zh') }); });
  afterAll(async () => { await server.close(); });

  const texts = replyTexts;
  const lastUtterAction = async (sender: string) => {
    const events = (await server.tracker(sender))['events'] as { event: string; metadata?: { utter_action?: string } }[];
    return events.filter((e) => e.event === 'bot').at(-1)?.metadata?.utter_action;
  };
  const slots = (sender: string) => slotsOf(server, sender);

  it('takes an order through the form and accepts a mid-form correction', async () => {
    const u = 'zh-user-1';
    const greeting = await server.say(u, '你好');
    expect(greeting[0]).toMatchObject({ recipient_id: u });
    expect(greeting[0]?.['buttons']).toBeInstanceOf(Array);

    await server.say(u, '我要两份牛肉套餐');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, requested_slot: 'phone' });

    await server.say(u, '13812345678');
    expect(await slots(u)).toMatchObject({ phone: '13812345678', requested_slot: 'address' });

    // the user corrects the quantity while the form asks for the address
    const corrected = await server.say(u, '不对,改成三份');
    expect(await slots(u)).toMatchObject({ quantity: 3, phone: '13812345678', requested_slot: 'address' });
    expect(corrected.length).toBeGreaterThan(0);
    expect(await lastUtterAction(u)).toBe('utter_ask_address');

    const summary = await server.say(u, '北京市海淀区中关村大街1号');
    expect(texts(summary)).toContain('3 份');
    expect(texts(summary)).toContain('13812345678');
    expect(texts(summary)).toContain('北京市海淀区中关村大街1号');
    // nothing is placed before the user confirms
    expect(texts(summary)).not.toMatch(/订单已提交|下单成功/);
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 3 });
    expect(texts(await server.say(u, '确认'))).toMatch(/订单已提交|下单成功/);
    // the placed order is over: the bot restarts, so the next order asks everything again
    const final = await server.tracker(u);
    expect(final['active_loop']).toEqual({});
    expect(final['slots']).toMatchObject({ meal: null, quantity: null, phone: null, address: null });
    await server.say(u, '再来一单');
    expect(await slots(u)).toMatchObject({ meal: null, requested_slot: 'meal' });
    expect(await lastUtterAction(u)).toBe('utter_ask_meal');
  });

  it('confirms an order given whole in one message, and takes a correction at the confirmation', async () => {
    const u = 'zh-user-whole';
    const summary = await server.say(u, '我要三份牛肉套餐，电话13912345678，送到浦东新区张江路100号');
    expect(texts(summary)).toContain('牛肉套餐');
    expect(texts(summary)).toContain('3 份');
    expect(texts(summary)).toContain('13912345678');
    expect(texts(summary)).toContain('浦东新区张江路100号');
    expect(summary.at(-1)?.['buttons']).toEqual([{ title: '确认下单', payload: '/affirm' }, { title: '取消订单', payload: '/cancel' }]);
    // the user changes their mind on seeing the summary: the new quantity is shown for confirmation again
    const again = await server.say(u, '不对，改成两份');
    expect(texts(again)).toContain('2 份');
    expect(texts(again)).not.toMatch(/订单已提交|下单成功/);
    const placed = await server.say(u, '/affirm');
    expect(texts(placed)).toMatch(/订单已提交|下单成功/);
    // placed, and over: the bot restarted, so nothing of this order is left for the next one
    expect(await slots(u)).toMatchObject({ meal: null, quantity: null, phone: null, address: null });
  });

  it('keeps the building, floor and room after the house number in an address, and a landline\'s extension', async () => {
    const u = 'zh-user-building';
    const summary = await server.say(u, '帮我点三份儿童套餐送到静安区南京西路1266号恒隆广场，电话021-64321234');
    expect(await slots(u)).toMatchObject({ meal: '儿童套餐', quantity: 3, phone: '02164321234', address: '静安区南京西路1266号恒隆广场' });
    expect(texts(summary)).toContain('地址：静安区南京西路1266号恒隆广场');
    await server.say(u, '地址改成朝阳区三里屯路19号院3号楼2单元501，谢谢');
    expect(await slots(u)).toMatchObject({ address: '朝阳区三里屯路19号院3号楼2单元501' });
    // a landline's extension stays with it (the tagger had made 123 a second phone, and the slot took it)
    await server.say(u, '电话改成010-12345678转123');
    expect(await slots(u)).toMatchObject({ phone: '01012345678 ext 123' });
  });

  it('answers a greeting in the middle of an order without offering a meal again', async () => {
    const u = 'zh-user-hello-again';
    await server.say(u, '我要鸡腿套餐');
    const reply = await server.say(u, '你好');
    expect(texts(reply)).toContain('接着点餐');
    expect(texts(reply)).not.toContain('今天想来份套餐吗');
    expect(reply.some((m) => m['buttons'] !== undefined && JSON.stringify(m['buttons']).includes('/affirm'))).toBe(false);
    expect(await lastUtterAction(u)).toBe('utter_ask_quantity');
  });

  it('takes a bare number as the quantity only when asked how many (asked which meal, it is the menu\'s number)', async () => {
    const u = 'zh-user-bare-number';
    await server.say(u, '点外卖');
    expect(texts(await server.say(u, '3'))).toContain('素食套餐');
    expect(await slots(u)).toMatchObject({ meal: '素食套餐', quantity: null, requested_slot: 'quantity' });
    await server.say(u, '十二');
    expect(await slots(u)).toMatchObject({ quantity: 12, requested_slot: 'phone' });
    // a phone number given when asked how many is no quantity
    const other = 'zh-user-bare-phone';
    await server.say(other, '我要鸡腿套餐');
    await server.say(other, '13912345678');
    expect(await slots(other)).toMatchObject({ quantity: null, requested_slot: 'quantity' });
  });

  it('takes 素的 / 儿童的 as the meal when asked which one', async () => {
    const u = 'zh-user-de';
    await server.say(u, '点外卖');
    expect(await slots(u)).toMatchObject({ requested_slot: 'meal' });
    await server.say(u, '儿童的');
    expect(await slots(u)).toMatchObject({ meal: '儿童套餐', requested_slot: 'quantity' });
    await server.say(u, '不对，换成素的');
    expect(await slots(u)).toMatchObject({ meal: '素食套餐' });
  });

  it('adds to the quantity and takes from it (再加两份, 减一份), in the form and at the confirmation', async () => {
    const u = 'zh-user-more-fewer';
    await server.say(u, '我要两份鸡腿套餐');
    await server.say(u, '等下，再加一份');
    expect(await slots(u)).toMatchObject({ quantity: 3, requested_slot: 'phone' });
    await server.say(u, '13912345678');
    const summary = await server.say(u, '送到浦东新区张江路100号');
    expect(texts(summary)).toContain('3 份');
    expect(texts(await server.say(u, '再加两份'))).toContain('5 份');
    expect(texts(await server.say(u, '减一份'))).toContain('4 份');
    // more than there is: nothing is taken, and the order is read back as it was
    expect(texts(await server.say(u, '减十份'))).toContain('4 份');
    expect(await slots(u)).toMatchObject({ quantity: 4 });
  });

  it('asks what to change when the summary is wrong, and cancels from the summary', async () => {
    const u = 'zh-user-deny';
    await server.say(u, '来一份儿童套餐，电话13800001111，送到北京市海淀区中关村大街1号');
    expect(await lastUtterAction(u)).toBe('utter_confirm_order');
    await server.say(u, '不对');
    expect(await lastUtterAction(u)).toBe('utter_ask_change');
    const again = await server.say(u, '换成鸡腿套餐');
    expect(texts(again)).toContain('鸡腿套餐');
    expect(await lastUtterAction(u)).toBe('utter_confirm_order');
    // the whole order goes only once the user says yes to the question
    expect(texts(await server.say(u, '算了，不要了'))).toContain('确定要取消整个订单吗');
    expect(await slots(u)).toMatchObject({ meal: '鸡腿套餐', quantity: 1 });
    expect(texts(await server.say(u, '是的'))).toMatch(/已取消|取消了/);
    expect(await slots(u)).toMatchObject({ meal: null, quantity: null });
  });

  it('asks for the quantity again when it is no one number (五六份)', async () => {
    const u = 'zh-user-vague-quantity';
    await server.say(u, '我要五六份牛肉套餐');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: null, requested_slot: 'quantity' });
    expect(await lastUtterAction(u)).toBe('utter_ask_quantity');
    await server.say(u, '五份吧');
    expect(await slots(u)).toMatchObject({ quantity: 5, requested_slot: 'phone' });
  });

  it('says why a vague amount (两三份, 十份八份) sets no quantity, instead of "not understood", and takes the number said next', async () => {
    const u = 'zh-user-vague-quantity-note';
    await server.say(u, '素食套餐');
    const range = texts(await server.say(u, '两三份吧'));
    expect(range).toContain('“两三份”是几份呢？');
    expect(range).not.toContain('没听懂');
    expect(await slots(u)).toMatchObject({ quantity: null, requested_slot: 'quantity' });
    const either = 'zh-user-either-quantity';
    // before: 8 was taken without a word
    expect(texts(await server.say(either, '儿童套餐来个十份八份的'))).toContain('“十份八份”是几份呢？');
    expect(await slots(either)).toMatchObject({ meal: '儿童套餐', quantity: null, requested_slot: 'quantity' });
    await server.say(either, '十份');
    expect(await slots(either)).toMatchObject({ quantity: 10, requested_slot: 'phone' });
  });

  it('answers a service question in the middle of the form, then asks the form\'s question again', async () => {
    const u = 'zh-user-hours';
    await server.say(u, '我想订家庭套餐');
    expect(await slots(u)).toMatchObject({ meal: '家庭套餐', requested_slot: 'quantity' });
    const answer = await server.say(u, '问一下，你们几点关门');
    expect(texts(answer)).toContain('10:00–22:00');
    expect(await slots(u)).toMatchObject({ meal: '家庭套餐', requested_slot: 'quantity' });
    expect(await lastUtterAction(u)).toBe('utter_ask_quantity');
    const events = (await server.tracker(u))['events'] as { event: string; metadata?: { utter_action?: string } }[];
    expect(events.some((e) => e.event === 'bot' && e.metadata?.utter_action === 'utter_chitchat/ask_hours')).toBe(true);
  });

  it('stops the form on a goodbye in the middle of it, and picks up where it was when asked to', async () => {
    const u = 'zh-user-leaves';
    await server.say(u, '来两份牛肉套餐');
    expect(await slots(u)).toMatchObject({ requested_slot: 'phone' });
    const bye = await server.say(u, '先这样吧，拜拜');
    expect(texts(bye)).toContain('这单还没下');
    expect(bye).toHaveLength(1);
    expect((await server.tracker(u))['active_loop']).toEqual({});
    await server.say(u, '继续点餐');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, requested_slot: 'phone' });
    expect(await lastUtterAction(u)).toBe('utter_ask_phone');
  });

  it('keeps conversations apart and supports ids containing a slash', async () => {
    await server.say('tenant/a', '我要一份鸡腿套餐');
    await server.say('tenant/b', '我要两份素食套餐');
    expect(await slots('tenant/a')).toMatchObject({ meal: '鸡腿套餐', quantity: 1 });
    const res = await fetch(`${server.url}/conversations/tenant/b/tracker`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { slots: Record<string, unknown> }).slots).toMatchObject({ meal: '素食套餐', quantity: 2 });
  });

  it('returns the tracker in Rasa\'s shape with the session start sequence', async () => {
    const t = await server.tracker('zh-user-1', '?include_events=ALL');
    const events = t['events'] as { event: string; name?: string }[];
    expect(events.slice(0, 3).map((e) => [e.event, e.name ?? null])).toEqual([
      ['action', 'action_session_start'], ['session_started', null], ['action', 'action_listen']]);
    expect(t).toMatchObject({ sender_id: 'zh-user-1', paused: false, latest_input_channel: 'rest', latest_action_name: 'action_listen' });
  });

  it('cancels an order in the middle of the form once the user says yes to the question', async () => {
    const u = 'zh-cancel';
    await server.say(u, '来两份家庭套餐');
    expect((await server.tracker(u))['active_loop']).toMatchObject({ name: 'order_form' });
    expect(texts(await server.say(u, '算了，不要了'))).toContain('确定要取消整个订单吗');
    expect(await slots(u)).toMatchObject({ meal: '家庭套餐', quantity: 2 });
    await server.say(u, '是的');
    const t = await server.tracker(u);
    expect(t['active_loop']).toEqual({});
    expect(t['slots']).toMatchObject({ meal: null, quantity: null, requested_slot: null });
    // a new order does not inherit the cancelled one's meal and quantity
    await server.say(u, '我要点餐');
    expect(await slots(u)).toMatchObject({ meal: null, quantity: null, requested_slot: 'meal' });
  });

  it('keeps the order when a message misheard as cancelling it gets a no (鸡腿不要了 read as cancel), in the form and on the confirmation', async () => {
    const u = 'zh-cancel-withdrawn';
    await server.say(u, '三份牛肉两份鸡腿');
    const order = { meal: '牛肉套餐', quantity: 3, more_items: [{ meal: '鸡腿套餐', quantity: 2 }] };
    // given directly as the NLU reads it at the example's seed: cancel, no entity
    const text = '鸡腿不要了';
    const asked = await server.agent.handleMessage({ senderId: u, text, parseData: { text, intent: { name: 'cancel', confidence: 0.81 }, intent_ranking: [], entities: [] } });
    expect(asked.messages.map((m) => m.text).join(' | ')).toContain('确定要取消整个订单吗');
    expect(await slots(u)).toMatchObject(order);
    const resumed = texts(await server.say(u, '不是'));
    expect(resumed).toMatch(/手机号/);
    expect(await slots(u)).toMatchObject({ ...order, requested_slot: 'phone' });
    expect(texts(await server.say(u, '去掉鸡腿套餐'))).toContain('已去掉鸡腿套餐');
    await server.say(u, '13912345678');
    await server.say(u, '北京市海淀区中关村大街1号');
    expect(await lastUtterAction(u)).toBe('utter_confirm_order');
    expect(texts(await server.say(u, '取消订单'))).toContain('确定要取消整个订单吗');
    // read as cancel again (别取消订单 often is): asked again, never taken as the yes
    const again = '别取消订单';
    const askedAgain = await server.agent.handleMessage({ senderId: u, text: again, parseData: { text: again, intent: { name: 'cancel', confidence: 0.9 }, intent_ranking: [], entities: [] } });
    expect(askedAgain.messages.map((m) => m.text).join(' | ')).toContain('确定要取消整个订单吗');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 3 });
    expect(texts(await server.say(u, '不取消'))).toContain('份数：3 份');
    expect(await lastUtterAction(u)).toBe('utter_confirm_order');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 3, phone: '13912345678' });
  });

  it('takes several meals in one order, each with its own quantity, and changes or adds a line later', async () => {
    const u = 'zh-user-several';
    await server.say(u, '我要两份牛肉套餐和一份鸡腿套餐');
    // the first meal fills the form's slots, the others are kept beside it (actions.mjs)
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, more_items: [{ meal: '鸡腿套餐', quantity: 1 }], requested_slot: 'phone' });
    await server.say(u, '13912345678');
    const summary = texts(await server.say(u, '北京市海淀区中关村大街1号'));
    expect(summary).toContain('套餐：牛肉套餐 2 份、鸡腿套餐 1 份');
    expect(summary).not.toContain('份数：');

    // a change names its line; an added meal gets a line of its own, and the bot says so
    expect(texts(await server.say(u, '鸡腿套餐改成三份'))).toContain('牛肉套餐 2 份、鸡腿套餐 3 份');
    const added = texts(await server.say(u, '再来一份儿童套餐'));
    expect(added).toContain('已加上儿童套餐 1 份');
    expect(added).toContain('牛肉套餐 2 份、鸡腿套餐 3 份、儿童套餐 1 份');
    // taking the first meal off leaves the others, the next one now first
    expect(texts(await server.say(u, '牛肉套餐减两份'))).toContain('套餐：鸡腿套餐 3 份、儿童套餐 1 份');
    expect(await slots(u)).toMatchObject({ meal: '鸡腿套餐', quantity: 3, more_items: [{ meal: '儿童套餐', quantity: 1 }] });
    expect(texts(await server.say(u, '确认'))).toMatch(/订单已提交|下单成功/);
    expect(await slots(u)).toMatchObject({ meal: null, more_items: null, order_summary: null });
  });

  it('says back what a correction changed: the quantity, and that the phone or address changed (without the value)', async () => {
    const u = 'zh-user-said-back';
    await server.say(u, '我要两份牛肉套餐');
    await server.say(u, '13812345678');
    const recounted = texts(await server.say(u, '不对,改成三份'));
    expect(recounted).toContain('已把牛肉套餐改成 3 份');
    expect(await slots(u)).toMatchObject({ quantity: 3, requested_slot: 'address' });
    const phone = await server.say(u, '电话改成13912345678');
    expect(texts(phone)).toContain('已改好电话');
    expect(texts(phone)).not.toContain('13912345678');
    // an answer to the form's question is not a change: nothing said back
    expect(texts(await server.say(u, '朝阳区建国路88号'))).not.toContain('已改好');
    expect(texts(await server.say(u, '地址改成海淀区中关村大街27号'))).toContain('已改好地址');
    expect(await slots(u)).toMatchObject({ phone: '13912345678', address: '海淀区中关村大街27号' });
  });

  it('asks which meal an amount is for when the order has several and the message names none, and applies it to the meal named next', async () => {
    const u = 'zh-user-which-line';
    await server.say(u, '我要两份牛肉套餐和一份鸡腿套餐');
    const order = { meal: '牛肉套餐', quantity: 2, more_items: [{ meal: '鸡腿套餐', quantity: 1 }] };
    const midForm = texts(await server.say(u, '不对，改成三份'));
    expect(midForm).toContain('您点了牛肉套餐 2 份、鸡腿套餐 1 份，要改哪一款');
    expect(await slots(u)).toMatchObject({ ...order, requested_slot: 'phone' });
    // the meal alone: the amount said before goes to it
    expect(texts(await server.say(u, '鸡腿套餐'))).toContain('已把鸡腿套餐改成 3 份');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, more_items: [{ meal: '鸡腿套餐', quantity: 3 }], pending_amount: null });
    await server.say(u, '13912345678');
    await server.say(u, '北京市海淀区中关村大街1号');
    const atConfirmation = texts(await server.say(u, '再来两份'));
    expect(atConfirmation).toContain('要改哪一款');
    expect(await slots(u)).toMatchObject({ more_items: [{ meal: '鸡腿套餐', quantity: 3 }] });
    // anything else in between drops the amount: the meal named later changes nothing by itself
    await server.say(u, '配送费多少');
    await server.say(u, '牛肉套餐');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, pending_amount: null });
    // named, the change goes to its line
    expect(texts(await server.say(u, '牛肉套餐再来两份'))).toContain('牛肉套餐 4 份、鸡腿套餐 3 份');
  });

  it('adds a second meal in the middle of the form without replacing the first', async () => {
    const u = 'zh-user-add-mid-form';
    await server.say(u, '来两份牛肉套餐');
    const reply = texts(await server.say(u, '再来一份鸡腿套餐'));
    expect(reply).toContain('已加上鸡腿套餐 1 份');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, more_items: [{ meal: '鸡腿套餐', quantity: 1 }], requested_slot: 'phone' });
    expect(await lastUtterAction(u)).toBe('utter_ask_phone');
  });

  it('confirms a whole order of several meals given in one message (各 gives each meal the quantity)', async () => {
    const u = 'zh-user-several-whole';
    const summary = texts(await server.say(u, '牛肉套餐和鸡腿套餐各两份，电话13912345678，送到朝阳区建国路88号'));
    expect(summary).toContain('套餐：牛肉套餐 2 份、鸡腿套餐 2 份');
    expect(summary).toContain('13912345678');
  });

  it('says when a quantity cannot be taken away, and keeps the order as it was', async () => {
    const u = 'zh-user-too-few';
    await server.say(u, '来两份牛肉套餐');
    const midForm = texts(await server.say(u, '减十份'));
    expect(midForm).toContain('牛肉套餐现在只点了 2 份，减不了 10 份哦');
    expect(midForm).not.toContain('没听懂'); // answered, so the form asks on without an apology
    expect(await slots(u)).toMatchObject({ quantity: 2, requested_slot: 'phone' });
    expect(texts(await server.say(u, '减两份'))).toContain('一份都不剩了');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2 });
    await server.say(u, '13912345678');
    await server.say(u, '北京市海淀区中关村大街1号');
    const atConfirmation = texts(await server.say(u, '减十份'));
    expect(atConfirmation).toContain('减不了 10 份');
    expect(atConfirmation).toContain('份数：2 份');
  });

  it('at the confirmation, a no that names the detail (地址不对) asks for its new value, not what to change', async () => {
    const u = 'zh-user-no-names-detail';
    await server.say(u, '我要两份牛肉套餐，电话13912345678，送到朝阳区建国路88号');
    const asked = texts(await server.say(u, '地址不对'));
    expect(asked).toContain('请直接说新的地址');
    expect(asked).not.toContain('要改哪里');
    expect(await slots(u)).toMatchObject({ detail_to_change: 'address' });
    expect(texts(await server.say(u, '海淀区中关村大街27号'))).toContain('地址：海淀区中关村大街27号');
    expect(await slots(u)).toMatchObject({ detail_to_change: null });
    // a bare no still asks what to change
    expect(texts(await server.say(u, '不对'))).toContain('要改哪里');
  });

  it('at the confirmation, a change that names a detail but no value says how to give it, and the value then changes it', async () => {
    const u = 'zh-user-hint';
    await server.say(u, '我要三份牛肉套餐，电话13912345678，送到浦东新区张江路100号');
    const hinted = texts(await server.say(u, '电话错了'));
    expect(hinted).toContain('请直接说新的手机号');
    expect(hinted).toContain('电话：13912345678'); // the order is read back unchanged
    const changed = texts(await server.say(u, '13800001111'));
    expect(changed).toContain('电话：13800001111');
    expect(changed).not.toContain('请直接说新的手机号');
  });

  it('replaces one meal by another and takes a meal off, but never the last one', async () => {
    const u = 'zh-user-swap-remove';
    await server.say(u, '我要两份牛肉套餐和一份鸡腿套餐，电话13912345678，送到浦东新区张江路100号');
    // 换成 keeps the line's quantity; a single-meal reading would have made two lines of one each
    const swapped = texts(await server.say(u, '牛肉套餐换成儿童套餐'));
    expect(swapped).toContain('已把牛肉套餐换成儿童套餐');
    expect(swapped).toContain('套餐：儿童套餐 2 份、鸡腿套餐 1 份');
    const removed = texts(await server.say(u, '鸡腿套餐不要了'));
    expect(removed).toContain('已去掉鸡腿套餐');
    expect(removed).toContain('套餐：儿童套餐');
    expect(removed).toContain('份数：2 份');
    // the last meal is not taken off: that would be cancelling, which is said otherwise
    const last = texts(await server.say(u, '儿童套餐不要了'));
    expect(last).toContain('取消订单');
    expect(await slots(u)).toMatchObject({ meal: '儿童套餐', quantity: 2, more_items: null });
  });

  it('takes a meal off by its short name (鸡腿不要了, 鸡腿套餐去掉), not as cancelling the order', async () => {
    const u = 'zh-user-remove-short';
    await server.say(u, '两份牛肉套餐一份鸡腿套餐一份儿童套餐，电话13912345678，送到浦东新区张江路100号');
    const removed = texts(await server.say(u, '鸡腿不要了'));
    expect(removed).toContain('已去掉鸡腿套餐');
    expect(removed).not.toContain('确定要取消整个订单吗');
    expect(texts(await server.say(u, '儿童套餐去掉'))).toContain('已去掉儿童套餐');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, more_items: null });
  });

  it('with no order in progress, taking a meal off says there is nothing to take off', async () => {
    expect(texts(await server.say('zh-user-remove-nothing', '牛肉套餐不要了'))).toContain('还没有点餐');
  });

  it('takes a bare number right after the menu as the meal at that place, and keeps a quantity said before', async () => {
    const menu = 'zh-user-menu-listed';
    await server.say(menu, '有什么套餐');
    await server.say(menu, '2');
    expect(await slots(menu)).toMatchObject({ meal: '鸡腿套餐', requested_slot: 'quantity' });
    // an unknown dish keeps its quantity and asks which meal; 4 then picks one and the form asks on
    const dish = 'zh-user-menu-dish';
    await server.say(dish, '要两份宫保鸡丁');
    await server.say(dish, '4');
    expect(await slots(dish)).toMatchObject({ meal: '儿童套餐', quantity: 2, requested_slot: 'phone' });
  });

  it('a message not understood adds or takes away nothing, so that saying it again counts once', async () => {
    const u = 'zh-user-not-understood';
    await server.say(u, '我要两份牛肉套餐和一份鸡腿套餐，电话13912345678，送到浦东新区张江路100号');
    // parsed as the NLU parses 那就再来两份 (below the confidence threshold), given directly so that the test
    // does not hang on the model: the quantity has the role more, the intent is nlu_fallback
    const text = '那就再来两份鸡腿套餐';
    const notUnderstood = await server.agent.handleMessage({ senderId: u, text, parseData: {
      text, intent: { name: 'nlu_fallback', confidence: 0.4 }, intent_ranking: [],
      entities: [
        { entity: 'quantity', start: 4, end: 6, value: '两份', role: 'more', extractor: 'DIETClassifier' },
        { entity: 'meal', start: 6, end: 10, value: '鸡腿套餐', extractor: 'DIETClassifier' },
      ],
    } });
    const reply = notUnderstood.messages.map((m) => m.text).join(' | ');
    expect(reply).toContain('没听懂');
    expect(reply).toContain('套餐：牛肉套餐 2 份、鸡腿套餐 1 份');
    expect(await slots(u)).toMatchObject({ quantity: 2, more_items: [{ meal: '鸡腿套餐', quantity: 1 }] });
    // said again, understood: counted once
    expect(texts(await server.say(u, '再加两份鸡腿套餐'))).toContain('套餐：牛肉套餐 2 份、鸡腿套餐 3 份');
    // without a meal, the first line's quantity (the slot mapping's `adjust`) is left alone the same way
    const bare = '那就再来两份';
    await server.agent.handleMessage({ senderId: u, text: bare, parseData: {
      text: bare, intent: { name: 'nlu_fallback', confidence: 0.4 }, intent_ranking: [],
      entities: [{ entity: 'quantity', start: 4, end: 6, value: '两份', role: 'more', extractor: 'DIETClassifier' }],
    } });
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2 });
  });

  it('says when a dish is not on the menu, and gives its quantity to no meal of the order', async () => {
    const u = 'zh-user-not-on-menu';
    await server.say(u, '两份牛肉套餐');
    // before, the slot mapping's adjust made this 牛肉套餐 × 3
    expect(texts(await server.say(u, '再来一份宫保鸡丁'))).toContain('菜单上没有宫保鸡丁');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2 });
    expect(texts(await server.say(u, '再来一份吧'))).toContain('已把牛肉套餐改成 3 份');
    // with no order yet, the bot says so and asks which meal
    const v = 'zh-user-not-on-menu-new';
    const reply = texts(await server.say(v, '我想吃麻辣烫'));
    expect(reply).toContain('菜单上没有麻辣烫');
    expect(await lastUtterAction(v)).toBe('utter_ask_meal');
  });

  it('does not take a vague place (公司, 我家) as the address, says orders go out at once, and takes the real address next', async () => {
    const u = 'zh-user-vague-address';
    await server.say(u, '我要两份鸡腿套餐');
    await server.say(u, '13812345678');
    // before, the tagger's span 天中午十二点送到公司 became the address and the summary showed it
    const reply = texts(await server.say(u, '明天中午十二点送到公司'));
    expect(reply).toContain('不能预约送餐时间');
    expect(reply).toContain('“公司”具体在哪儿');
    expect(await slots(u)).toMatchObject({ address: null, requested_slot: 'address' });
    expect(await lastUtterAction(u)).toBe('utter_ask_address');
    const summary = texts(await server.say(u, '深圳市南山区科苑路15号'));
    expect(summary).toContain('地址：深圳市南山区科苑路15号');
    // at the confirmation, a vague place keeps the address given before (the tagger may or may not
    // read 我家 as an address: either way the bot asks for the real one)
    expect(texts(await server.say(u, '地址改成送到我家'))).toMatch(/“家”具体在哪儿|请直接说新的地址/);
    expect(await slots(u)).toMatchObject({ address: '深圳市南山区科苑路15号' });
    // nor a place given only by what it is near, asked for while the form waits for the address
    const near = 'zh-user-near-address';
    await server.say(near, '来份素食的');
    await server.say(near, '一份就够');
    await server.say(near, '18612345678');
    expect(texts(await server.say(near, '静安寺旁边'))).toContain('“静安寺旁边”是哪条路、几号呢？');
    expect(await slots(near)).toMatchObject({ address: null, requested_slot: 'address' });
  });

  it('takes 那就再来两份 as two more, and a new address at the confirmation (改成送到…) without saying it did not understand', async () => {
    const u = 'zh-user-then-two-more';
    await server.say(u, '两份牛肉套餐');
    // before, 那就再来两份 was nlu_fallback: "没听懂" and the quantity stayed 2
    const more = texts(await server.say(u, '那就再来两份'));
    expect(more).not.toContain('没听懂');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 4 });
    await server.say(u, '13812345678');
    expect(texts(await server.say(u, '送到科苑路15号'))).toContain('地址：科苑路15号');
    // before, the address changed but the reply also said "没听懂"
    const changed = texts(await server.say(u, '改成送到浦东新区张江路500号'));
    expect(changed).toContain('已改好地址');
    expect(changed).not.toContain('没听懂');
    expect(changed).toContain('地址：浦东新区张江路500号');
  });

  it('says a contact detail given before the form asks for it is noted, then asks its own question', async () => {
    const u = 'zh-user-address-early';
    await server.say(u, '我要三份鸡腿套餐');
    // before, the form only asked for the phone again, as if the address had been missed
    const reply = texts(await server.say(u, '送到上海市浦东新区世纪大道100号环球金融中心45楼'));
    expect(reply).toContain('地址记下了');
    expect(await slots(u)).toMatchObject({ address: '上海市浦东新区世纪大道100号环球金融中心45楼', requested_slot: 'phone' });
    expect(await lastUtterAction(u)).toBe('utter_ask_phone');
    // the detail the form asked for is an answer, not said back
    expect(texts(await server.say(u, '13812345678'))).not.toContain('记下了');
    // nor one given with the answer: the confirmation follows at once
    const both = 'zh-user-phone-and-address';
    await server.say(both, '我要四份家庭套餐');
    const summary = texts(await server.say(both, '电话13900001111，送到南山区科技园南区R2-B栋'));
    expect(summary).toContain('地址：南山区科技园南区R2-B栋');
    expect(summary).not.toContain('记下了');
  });

  it('does not take a phone tail (尾号5678) as the phone, nor a phone given while it asks for the address as the address', async () => {
    const u = 'zh-user-phone-tail';
    await server.say(u, '来两份牛肉套餐');
    const tail = texts(await server.say(u, '手机尾号是5678'));
    expect(tail).toContain('只有 4 位数字');
    expect(await slots(u)).toMatchObject({ phone: null, requested_slot: 'phone' });
    await server.say(u, '13812345678');
    expect(await slots(u)).toMatchObject({ phone: '13812345678', requested_slot: 'address' });
    // before, the whole message became the address too (the form's from_text mapping), and the phone changed
    const again = texts(await server.say(u, '我的电话是13900001111'));
    expect(again).toContain('已改好电话');
    expect(await slots(u)).toMatchObject({ phone: '13900001111', address: null, requested_slot: 'address' });
    await server.say(u, '送公司 金融街购物中心B1');
    expect(await slots(u)).toMatchObject({ address: '金融街购物中心B1' });
  });

  it('keeps a city written without 市 at the start of an address (深圳南山区…), and takes 给我来个套餐 as a vague order', async () => {
    const u = 'zh-user-city-without-shi';
    const vague = texts(await server.say(u, '给我来个套餐'));
    expect(vague).not.toContain('没听懂');
    await server.say(u, '两份牛肉套餐');
    await server.say(u, '13812345678');
    await server.say(u, '深圳南山区科技园科苑路15号科兴科学园B栋');
    expect(await slots(u)).toMatchObject({ address: '深圳南山区科技园科苑路15号科兴科学园B栋' });
  });

  it('asks for the street and number when the address is only a district (北京市海淀区)', async () => {
    const u = 'zh-user-district-only';
    await server.say(u, '两份牛肉套餐');
    await server.say(u, '13812345678');
    const district = texts(await server.say(u, '北京市海淀区'));
    expect(district).toContain('“北京市海淀区”是哪条路、几号呢？');
    expect(await slots(u)).toMatchObject({ address: null, requested_slot: 'address' });
    await server.say(u, '北京市海淀区中关村大街1号');
    expect(await slots(u)).toMatchObject({ address: '北京市海淀区中关村大街1号' });
    // a road with no number (before: taken, and read back on the confirmation)
    const road = 'zh-user-road-only';
    await server.say(road, '两份牛肉套餐');
    await server.say(road, '13812345678');
    expect(texts(await server.say(road, '中山路'))).toContain('“中山路”几号呢？骑手要找得到门牌号才能送到哦。');
    expect(await slots(road)).toMatchObject({ address: null, requested_slot: 'address' });
    // a time given for the address (before: the address 天12点30分, confirmed as such)
    const time = texts(await server.say(road, '明天12点30分'));
    expect(time).toContain('暂时不能预约送餐时间');
    expect(await slots(road)).toMatchObject({ address: null, requested_slot: 'address' });
  });

  it('takes a phone in international form (+86 139-1234-5678, which the NLU gives as (+86) 13912345678; +886 912 345 678)', async () => {
    const u = 'zh-user-phone-international';
    await server.say(u, '来两份牛肉套餐');
    const reply = texts(await server.say(u, '+86 139-1234-5678'));
    expect(reply).not.toContain('位数字');
    expect(await slots(u)).toMatchObject({ phone: '(+86) 13912345678', requested_slot: 'address' });
    // a number of another country, its digits grouped: the tagger had read it as an address
    const taiwan = 'zh-user-phone-taiwan';
    await server.say(taiwan, '来两份牛肉套餐');
    const reply2 = texts(await server.say(taiwan, '電話 +886 912 345 678'));
    expect(reply2).not.toContain('地址记下了');
    expect(await slots(taiwan)).toMatchObject({ phone: expect.stringMatching(/^\(\+886\) ?912345678$/), address: null, requested_slot: 'address' });
  });

  it('with no order in progress, 再来一份… starts one (read as change_order, it was "not understood")', async () => {
    const u = 'zh-user-more-first';
    await server.say(u, '你好');
    const reply = texts(await server.say(u, '再来一份儿童套餐'));
    expect(reply).not.toContain('没听懂');
    expect(await slots(u)).toMatchObject({ meal: '儿童套餐', quantity: 1, requested_slot: 'phone' });
  });

  it('reads colloquial amounts (来俩, 半打) and gives back a quantity that is no whole number of portions', async () => {
    const two = 'zh-user-lia';
    await server.say(two, '来俩鸡腿套餐');
    expect(await slots(two)).toMatchObject({ meal: '鸡腿套餐', quantity: 2 });
    const dozen = 'zh-user-half-dozen';
    await server.say(dozen, '来半打鸡腿套餐');
    expect(await slots(dozen)).toMatchObject({ meal: '鸡腿套餐', quantity: 6 });
    // 俩 after 再来 is two more, not two (the regex took it as a new quantity)
    expect(texts(await server.say(dozen, '再来俩'))).toContain('已把鸡腿套餐改成 8 份');
    const half = 'zh-user-half-portion';
    expect(texts(await server.say(half, '牛肉套餐来一份半'))).toContain('牛肉套餐只能按整份点哦，1.5 份做不了。');
    expect(await slots(half)).toMatchObject({ meal: '牛肉套餐', quantity: null, requested_slot: 'quantity' });
    await server.say(half, '两份');
    await server.say(half, '13812345678');
    expect(texts(await server.say(half, '再加半份'))).toContain('牛肉套餐只能按整份点哦，2.5 份做不了，还是 2 份。');
    expect(await slots(half)).toMatchObject({ quantity: 2, requested_slot: 'address' });
  });

  it('takes no more than 99 portions of a meal, and reads a large amount the tagger started late (再加两百份)', async () => {
    const huge = 'zh-user-ten-thousand';
    expect(texts(await server.say(huge, '来一万份素食套餐'))).toContain('素食套餐一单最多点 99 份哦，10000 份的团餐请打门店电话预订。');
    expect(await slots(huge)).toMatchObject({ meal: '素食套餐', quantity: null, requested_slot: 'quantity' });
    const more = 'zh-user-two-hundred-more';
    await server.say(more, '牛肉套餐来三份');
    expect(texts(await server.say(more, '再加两百份'))).toContain('牛肉套餐一单最多点 99 份哦，203 份的团餐请打门店电话预订，还是 3 份。');
    expect(await slots(more)).toMatchObject({ meal: '牛肉套餐', quantity: 3 });
    expect(texts(await server.say(more, '改成九十九份'))).toContain('已把牛肉套餐改成 99 份。');
  });

  it('starts an order on 我要下单 (下单 alone is the yes of a confirmation), and answers whether it delivers today', async () => {
    const u = 'zh-user-place-order';
    // before: 抱歉，我没听懂 (affirm against order_meal within the ambiguity threshold)
    expect(texts(await server.say(u, '我要下单'))).toContain('想吃哪一款套餐呢？');
    expect(await slots(u)).toMatchObject({ requested_slot: 'meal' });
    const today = 'zh-user-deliver-today';
    // before: the small-talk answer 这个我回答不了 beside the note on delivery times
    const reply = texts(await server.say(today, '今天能送吗'));
    expect(reply).toContain('30 分钟内送到');
    expect(reply).not.toContain('回答不了');
  });

  it('keeps the city and district when a correction gives the road and number only (是文三路487号)', async () => {
    const u = 'zh-user-house-number';
    await server.say(u, '来两份牛肉套餐');
    await server.say(u, '13812345678');
    await server.say(u, '送到杭州市西湖区文三路478号');
    // before: the address became 文三路487号, with no city
    expect(texts(await server.say(u, '地址写错了，是文三路487号'))).toContain('地址：杭州市西湖区文三路487号');
    expect(texts(await server.say(u, '地址改成滨江区江南大道100号'))).toContain('地址：滨江区江南大道100号');
  });

  it('asks the form\'s question again after a yes or a no it cannot use', async () => {
    const u = 'zh-user-no-answer';
    await server.say(u, '我要两份牛肉套餐');
    await server.say(u, '13512345678');
    expect(await lastUtterAction(u)).toBe('utter_ask_address');
    // before, the default fallback apologised and the form's question never came again
    expect(texts(await server.say(u, '不是'))).toContain('抱歉，我没听懂，可以换个说法吗？');
    expect(await lastUtterAction(u)).toBe('utter_ask_address');
    expect(await slots(u)).toMatchObject({ address: null, requested_slot: 'address' });
  });

  it('keeps a note said alone (不要辣, 微辣, 少放盐) while ordering: in the form, as the address is asked, and on the confirmation', async () => {
    const u = 'zh-user-note-alone';
    await server.say(u, '我要两份牛肉套餐');
    // before: 抱歉，我没听懂 (read as a no), and the note was not kept
    const spice = texts(await server.say(u, '不要辣'));
    expect(spice).toContain('好的，备注：不要辣。');
    expect(spice).not.toContain('抱歉，我没听懂，可以换个说法吗？');
    expect(await slots(u)).toMatchObject({ order_note: '不要辣', requested_slot: 'phone' });
    await server.say(u, '13512345678');
    // before: 微辣 became the address, as the whole message is taken when the address is asked
    const mild = texts(await server.say(u, '微辣'));
    expect(mild).toContain('好的，备注：微辣。');
    expect(await slots(u)).toMatchObject({ order_note: '微辣', address: null, requested_slot: 'address' });
    const summary = texts(await server.say(u, '海淀区中关村大街27号'));
    expect(summary).toContain('备注：微辣');
    expect(texts(await server.say(u, '记得不要香菜哦'))).toContain('好的，备注：微辣，不要香菜。');
    expect(await slots(u)).toMatchObject({ order_note: '微辣，不要香菜', address: '海淀区中关村大街27号', note_only: true });
    // one message only: the next that is not understood gets the apology
    const next = texts(await server.say(u, '/nlu_fallback'));
    expect(next).toContain('抱歉，我没听懂，可以换个说法吗？');
    expect(next).not.toContain('好的，备注');
    // with no order in progress a note is not kept (the default fallback would undo it)
    const none = 'zh-user-note-no-order';
    expect(texts(await server.say(none, '不要辣'))).not.toContain('好的，备注：不要辣。');
    expect(await slots(none)).toMatchObject({ order_note: '无' });
  });

  it('understands an order typed in traditional characters: the menu\'s meal, the quantity, and the address as the user wrote it', async () => {
    const u = 'zh-user-traditional';
    await server.say(u, '我要兩份雞腿套餐');
    expect(await slots(u)).toMatchObject({ meal: '鸡腿套餐', quantity: 2, requested_slot: 'phone' });
    await server.say(u, '手機１３８１２３４５６７８');
    const summary = texts(await server.say(u, '送到台北市信義區市府路45號'));
    expect(summary).toContain('套餐：鸡腿套餐');
    expect(await slots(u)).toMatchObject({ phone: '13812345678', address: '台北市信義區市府路45號' });
    // the action reads the message as the NLU does: 點餐 is ordering, not a dish missing from the menu; 還要 adds
    const order = 'zh-user-traditional-order';
    expect(texts(await server.say(order, '我要點餐'))).not.toContain('菜单上没有');
    await server.say(order, '來兩份牛肉套餐');
    expect(texts(await server.say(order, '還要一份'))).toContain('已把牛肉套餐改成 3 份');
    // the same in simplified characters: the NLU gives 一份 no role there, and the mappings made it the quantity
    const more = 'zh-user-still-want';
    await server.say(more, '来两份牛肉套餐');
    expect(texts(await server.say(more, '还要一份'))).toContain('已把牛肉套餐改成 3 份');
  });

  it('reads 来份 with no number as one portion and reads the order\'s total back, with the delivery fee under ¥30', async () => {
    const u = 'zh-user-total';
    const summary = texts(await server.say(u, '来份儿童套餐，手机13812345678，送到朝阳区建国路88号'));
    // before, the bot asked 儿童套餐要几份呢？ and the confirmation had no price
    expect(summary).toContain('份数：1 份');
    expect(summary).toContain('合计：¥23（含配送费 ¥3）');
    const more = texts(await server.say(u, '再加两份鸡腿'));
    expect(more).toContain('套餐：儿童套餐 1 份、鸡腿套餐 2 份');
    expect(more).toContain('合计：¥76');
    expect(await slots(u)).toMatchObject({ order_total: '¥76' });
  });

  it('keeps a note for the kitchen said with the order (两份牛肉套餐，不要辣) and reads it back; 鸡腿套餐不要辣 takes no meal off', async () => {
    const u = 'zh-user-notes';
    expect(texts(await server.say(u, '我要两份牛肉套餐和一份鸡腿套餐，不要辣'))).toContain('好的，备注：不要辣。');
    expect(await slots(u)).toMatchObject({ order_note: '不要辣', requested_slot: 'phone' });
    // before, 不要 made this a removal whatever the intent: 已去掉鸡腿套餐
    expect(texts(await server.say(u, '鸡腿套餐不要辣'))).not.toContain('去掉');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, more_items: [{ meal: '鸡腿套餐', quantity: 1 }] });
    expect(texts(await server.say(u, '13812345678，不要香菜'))).toContain('好的，备注：不要辣，不要香菜。');
    const summary = texts(await server.say(u, '海淀区中关村大街27号'));
    expect(summary).toContain('备注：不要辣，不要香菜');
    expect(summary).toContain('套餐：牛肉套餐 2 份、鸡腿套餐 1 份');
  });

  it('reads a note for some of the portions (三份牛肉套餐，两份不要辣) as a note, not as a new quantity', async () => {
    const u = 'zh-user-note-for-two';
    // before: the quantity became 2 and the note was 不要辣
    expect(texts(await server.say(u, '我要点三份牛肉套餐，两份不要辣'))).toContain('好的，备注：两份不要辣。');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 3, order_note: '两份不要辣' });
    expect(texts(await server.say(u, '其中一份微辣'))).toContain('好的，备注：两份不要辣，一份微辣。');
    expect(await slots(u)).toMatchObject({ quantity: 3 });
  });

  it('applies an amount said for every meal (都改成一份, 每样各加一份) to each line of the order', async () => {
    const u = 'zh-user-every-line';
    await server.say(u, '要两份牛肉套餐两份鸡腿套餐');
    // before: 您点了牛肉套餐 2 份、鸡腿套餐 2 份，要改哪一款？
    expect(texts(await server.say(u, '每样各加一份'))).toContain('已把牛肉套餐改成 3 份，已把鸡腿套餐改成 3 份。');
    expect(texts(await server.say(u, '都改成一份'))).toContain('已把牛肉套餐改成 1 份，已把鸡腿套餐改成 1 份。');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 1, more_items: [{ meal: '鸡腿套餐', quantity: 1 }] });
  });

  it('offers the last order\'s phone and address for the next order: a yes takes them, a no asks plainly', async () => {
    const u = 'zh-user-second-order';
    await server.say(u, '两份牛肉套餐');
    await server.say(u, '13812345678');
    await server.say(u, '朝阳区建国路88号');
    await server.say(u, '确认');
    // before: every detail asked again (action_restart cleared them all)
    expect(texts(await server.say(u, '再来一单，一份鸡腿套餐'))).toContain('手机号还是上次尾号 5678 的那个吗？是的话回“是”，换号码直接说新的。');
    expect(await slots(u)).toMatchObject({ meal: '鸡腿套餐', quantity: 1, phone: null, last_phone: '13812345678', requested_slot: 'phone' });
    expect(texts(await server.say(u, '是的'))).toContain('还是送到朝阳区建国路88号吗？是的话回“是”，换地址直接说新的。');
    const summary = texts(await server.say(u, '还是上次那个地址'));
    expect(summary).toContain('电话：13812345678');
    expect(summary).toContain('地址：朝阳区建国路88号');
    await server.say(u, '确认');
    // a no to the offer: the plain question, no apology
    await server.say(u, '一份素食套餐');
    const no = texts(await server.say(u, '不是'));
    expect(no).not.toContain('没听懂');
    expect(await slots(u)).toMatchObject({ phone: null, has_last_phone: false, requested_slot: 'phone' });
    await server.say(u, '13900001111');
    expect(await slots(u)).toMatchObject({ phone: '13900001111', requested_slot: 'address' });
  });

  it('reads 五个人 as people, not as portions or a dish (我们五个人够吃吗)', async () => {
    const u = 'zh-user-five-people';
    await server.say(u, '那就来个家庭套餐');
    // before: 抱歉，菜单上没有人够吃吗哦
    expect(texts(await server.say(u, '我们五个人够吃吗'))).not.toContain('菜单上没有');
    expect(await slots(u)).toMatchObject({ meal: '家庭套餐', quantity: 1 });
  });

  it('adds 仨 and takes 俩 away (多加仨吧, 少来俩), where 仨吧 was taken for a dish not on the menu', async () => {
    const u = 'zh-user-sa';
    await server.say(u, '我要两份牛肉套餐');
    const more = texts(await server.say(u, '多加仨吧'));
    expect(more).toContain('已把牛肉套餐改成 5 份');
    expect(more).not.toContain('菜单上没有');
    expect(texts(await server.say(u, '少来俩'))).toContain('已把牛肉套餐改成 3 份');
  });

  it('counts the digits of a phone a digit short as typed, and asks where exactly for 就送到那儿吧 without empty quotes', async () => {
    const u = 'zh-user-short-phone';
    await server.say(u, '来两份牛肉套餐');
    // before: 只有 3 位数字 (the NLU kept 567 of 138-1234-567)
    const short = texts(await server.say(u, '我的电话是138-1234-567'));
    expect(short).toContain('这个手机号是 10 位');
    expect(await slots(u)).toMatchObject({ phone: null, requested_slot: 'phone' });
    await server.say(u, '13812345678');
    const there = texts(await server.say(u, '就送到那儿吧'));
    expect(there).toContain('具体送到哪儿呢？');
    expect(there).not.toContain('“”');
    expect(await slots(u)).toMatchObject({ address: null, requested_slot: 'address' });
  });

  it('keeps the order when the user still wants it after the question whether to cancel (还是要吧)', async () => {
    const u = 'zh-user-still-wants-it';
    await server.say(u, '两份牛肉');
    await server.say(u, '13812345678');
    await server.say(u, '朝阳区建国路88号');
    expect(texts(await server.say(u, '取消'))).toContain('确定要取消整个订单吗');
    // before: read as a yes to the question, and the order was cancelled (已经帮您取消了)
    const kept = texts(await server.say(u, '还是要吧'));
    expect(kept).not.toContain('取消了');
    expect(kept).toContain('帮您确认一下订单');
    expect(await slots(u)).toMatchObject({ meal: '牛肉套餐', quantity: 2, phone: '13812345678' });
  });

  it('answers a question about a meal (家庭套餐几个人吃) with the menu, then takes the order that follows', async () => {
    const u = 'zh-user-how-many-people';
    // before: read as an order, and the bot asked 家庭套餐给您来几份？
    const menu = texts(await server.say(u, '家庭套餐几个人吃'));
    expect(menu).toContain('3-4人份');
    expect(menu).not.toContain('几份');
    await server.say(u, '那来一份吧');
    expect(await slots(u)).toMatchObject({ meal: '家庭套餐', quantity: 1, requested_slot: 'phone' });
  });
});
