// The state API and its live stream, with the pasted token: a JWT (three dot-separated parts)
// goes in the Authorization header, anything else as Rasa's ?token=.
const TOKEN_KEY = 'parley.token';

export const getToken = () => localStorage.getItem(TOKEN_KEY) ?? '';
export function setToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

const isJwt = (token) => token.split('.').length === 3;

export function authed(path) {
  const token = getToken();
  const headers = {};
  let url = path;
  if (token && isJwt(token)) headers.authorization = `Bearer ${token}`;
  else if (token) url += `${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
  return { url, headers };
}

const statePath = (id) => `/conversations/${encodeURIComponent(id)}/state`;

export async function fetchState(id, recent = 50) {
  const { url, headers } = authed(`${statePath(id)}?recent=${recent}`);
  const res = await fetch(url, { headers });
  if (!res.ok) throw Object.assign(new Error(`state ${res.status}`), { status: res.status });
  return res.json();
}

/**
 * Reads the SSE stream with fetch (EventSource cannot send a JWT header) and reconnects with
 * backoff. Calls onEvent(name, data); onStatus('open' | 'retry' | 'denied').
 */
export function openStateStream(id, { onEvent, onStatus }) {
  let stopped = false;
  let controller;
  let delay = 500;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const { url, headers } = authed(`${statePath(id)}/stream?recent=50`);
        const res = await fetch(url, { headers, signal: controller.signal });
        if (res.status === 401 || res.status === 403) { onStatus('denied'); return; }
        if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
        onStatus('open');
        delay = 500;
        await readEvents(res.body, onEvent);
      } catch {
        if (stopped) return;
      }
      onStatus('retry');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 8000);
    }
  };
  void run();
  return () => { stopped = true; controller?.abort(); };
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}

export async function postRest(sender, message, metadata) {
  const res = await fetch('/webhooks/rest/webhook', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sender, message, metadata }),
  });
  return res.ok ? res.json() : [];
}
