// Normalises the three shapes a bot message arrives in (socket.io bot_uttered, REST webhook
// answers, state/turn records) into one: { text, buttons, image, attachment, custom }.
export function fromSocket(payload) {
  const m = { text: null, buttons: [], image: null, attachment: null, custom: null };
  if (typeof payload?.text === 'string') m.text = payload.text;
  const replies = payload?.quick_replies ?? payload?.buttons;
  if (Array.isArray(replies)) m.buttons = replies.map((b) => ({ title: b.title, payload: b.payload }));
  const att = payload?.attachment;
  if (att && att.type === 'image' && att.payload?.src) m.image = att.payload.src;
  else if (att) m.attachment = att;
  if (!('text' in (payload ?? {})) && !att && !replies) m.custom = payload;
  return m;
}

export function fromRecord(r) {
  return {
    text: r.text ?? null,
    buttons: Array.isArray(r.buttons) ? r.buttons : [],
    image: typeof r.image === 'string' ? r.image : null,
    attachment: r.attachment ?? null,
    custom: r.custom ?? null,
  };
}
