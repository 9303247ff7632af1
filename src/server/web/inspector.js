// The inspector: the conversation's current state (form, requested slot, slots) and, for every
// user turn, the intent with confidence and ranking, entities, the deciding path, the policy
// and the latency.
import { clear, el, formatValue } from './dom.js';
import { t } from './i18n.js';

const pct = (c) => (typeof c === 'number' ? `${(c * 100).toFixed(1)}%` : '—');

function bar(confidence) {
  const width = Math.max(0, Math.min(100, (confidence ?? 0) * 100));
  return el('span', { class: 'bar' }, el('span', { class: 'fill', style: `width:${width.toFixed(1)}%` }));
}

export class Inspector {
  constructor(root, lang) {
    this.root = root;
    this.lang = lang;
    this.stateBox = root.querySelector('[data-state]');
    this.turnList = root.querySelector('[data-turns]');
    this.turns = [];
    this.state = null;
  }

  setLanguage(lang) { this.lang = lang; this.render(); }

  setState(state) { this.state = state; this.renderState(); }

  /** After a load or reload: the user turns of the history, without the live-only details. */
  history(messages) {
    this.turns = messages.filter((m) => m.role === 'user').reverse().map((m) => ({
      turn: {
        user_text: m.text, intent: m.intent ? { name: m.intent, confidence: m.confidence } : null, intent_ranking: [], entities: [],
        decided_by: m.decided_by ?? null, policies: [], latency_ms: null,
      },
      slots: null,
    }));
    this.renderTurns();
  }

  addTurn(turn, state) {
    if (turn.user_text !== null) this.turns.unshift({ turn, slots: state.slots, form: state.active_form, requested: state.requested_slot });
    this.turns = this.turns.slice(0, 50);
    this.setState(state);
    this.renderTurns();
  }

  notice(text) {
    clear(this.stateBox);
    this.stateBox.append(el('p', { class: 'notice', text }));
  }

  render() { this.renderState(); this.renderTurns(); }

  renderState() {
    const s = this.state;
    if (!s) return;
    const L = (k) => t(this.lang, k);
    clear(this.stateBox);
    this.stateBox.append(
      el('div', { class: 'kv' },
        el('span', { class: 'k', text: L('form') }), el('span', { class: 'v', 'data-form': true, text: s.active_form ?? L('none') }),
        el('span', { class: 'k', text: L('requested') }), el('span', { class: 'v', 'data-requested': true, text: s.requested_slot ?? L('none') }),
        el('span', { class: 'k', text: L('intent') }), el('span', { class: 'v', text: s.latest_intent ? `${s.latest_intent.name} · ${pct(s.latest_intent.confidence)}` : L('none') })),
      el('div', { class: `badge ${s.masked ? 'masked' : 'plain'}`, 'data-masked': String(s.masked), text: s.masked ? L('masked') : L('plaintext') }),
      this.slotTable(s.slots));
  }

  slotTable(slots) {
    const rows = Object.entries(slots ?? {}).filter(([k]) => k !== 'session_started_metadata' && k !== 'requested_slot');
    return el('table', { class: 'slots', 'data-slots': true },
      el('thead', {}, el('tr', {}, el('th', { text: t(this.lang, 'slots') }), el('th', {}))),
      el('tbody', {}, rows.map(([k, v]) => el('tr', { 'data-slot': k, class: v === null ? 'empty' : '' },
        el('td', { class: 'slot-name', text: k }), el('td', { class: 'slot-value', text: formatValue(v) })))));
  }

  renderTurns() {
    const L = (k) => t(this.lang, k);
    clear(this.turnList);
    if (this.turns.length === 0) { this.turnList.append(el('p', { class: 'empty-hint', text: L('noTurns') })); return; }
    for (const { turn, slots, form, requested } of this.turns) {
      const intent = turn.intent;
      this.turnList.append(el('article', { class: 'turn', 'data-turn': true },
        el('header', {},
          el('span', { class: 'utterance', text: `“${turn.user_text}”` }),
          el('span', { class: 'latency', title: L('latency'), text: turn.latency_ms === null ? '' : `${turn.latency_ms} ms` })),
        el('div', { class: 'intent-line' },
          el('span', { class: 'intent', 'data-intent': intent?.name ?? '', text: intent?.name ?? '—' }),
          el('span', { class: 'conf', text: pct(intent?.confidence) }),
          turn.decided_by ? el('span', { class: `path path-${turn.decided_by}`, title: L('decidedBy'), text: turn.decided_by }) : null,
          ...turn.policies.slice(0, 1).map((p) => el('span', { class: 'policy', title: L('policy'), text: p }))),
        this.ranking(turn.intent_ranking),
        turn.entities.length ? el('div', { class: 'entities' }, turn.entities.map((e) =>
          el('span', { class: 'chip' }, el('b', { text: e.entity }), ` ${formatValue(e.value)}`))) : null,
        slots ? el('details', { class: 'after' },
          el('summary', { text: `${L('slots')} · ${L('form')}: ${form ?? L('none')} · ${L('requested')}: ${requested ?? L('none')}` }),
          this.slotTable(slots)) : null));
    }
  }

  ranking(list) {
    if (!list?.length) return null;
    return el('ol', { class: 'ranking' }, list.slice(0, 5).map((r) =>
      el('li', {}, el('span', { class: 'r-name', text: r.name }), bar(r.confidence), el('span', { class: 'r-conf', text: pct(r.confidence) }))));
  }
}
