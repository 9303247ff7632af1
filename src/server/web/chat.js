// The transcript: user and bot bubbles, buttons (a click sends the payload) and images.
import { clear, el, time } from './dom.js';

export class Transcript {
  constructor(root, { onButton }) {
    this.root = root;
    this.onButton = onButton;
  }

  clear() { clear(this.root); }

  user(text, opts = {}) {
    const bubble = el('div', { class: 'bubble user', 'data-role': 'user' }, el('div', { class: 'text', text }));
    if (opts.remote) bubble.append(el('div', { class: 'meta', text: opts.remoteLabel }));
    this.add(el('div', { class: 'row user' }, bubble), opts.timestamp);
  }

  bot(m, opts = {}) {
    const bubble = el('div', { class: 'bubble bot', 'data-role': 'bot' });
    if (m.text) bubble.append(el('div', { class: 'text', text: m.text }));
    if (m.image) bubble.append(el('img', { class: 'image', src: m.image, alt: '', loading: 'lazy' }));
    if (m.attachment) bubble.append(el('pre', { class: 'custom', text: JSON.stringify(m.attachment, null, 2) }));
    if (m.custom) bubble.append(el('pre', { class: 'custom', text: JSON.stringify(m.custom, null, 2) }));
    if (!bubble.firstChild) return;
    const row = el('div', { class: 'row bot' }, el('div', { class: 'avatar', 'aria-hidden': 'true', text: 'P' }), bubble);
    if (m.buttons?.length) {
      const buttons = el('div', { class: 'buttons' }, m.buttons.map((b) =>
        el('button', { type: 'button', class: 'quick', 'data-payload': b.payload, text: b.title ?? b.payload, onclick: () => this.onButton(b) })));
      bubble.append(buttons);
    }
    this.add(row, opts.timestamp);
  }

  /** The history from the state API. */
  history(messages) {
    this.clear();
    let offered = [];
    for (const m of messages) {
      if (m.role === 'user') {
        // a clicked button was stored as its payload: show its title, as when it was clicked
        const title = offered.find((b) => b.payload === m.text)?.title;
        this.user(title ?? m.text ?? '', { timestamp: m.timestamp });
        continue;
      }
      offered = m.buttons ?? [];
      this.bot({ text: m.text, buttons: offered, image: m.image ?? null, attachment: m.attachment ?? null, custom: m.custom ?? null }, { timestamp: m.timestamp });
    }
  }

  add(row, timestamp) {
    if (timestamp) row.title = time(timestamp);
    this.root.append(row);
    this.root.scrollTop = this.root.scrollHeight;
  }
}
