// The web chat page: wires the transcript, the inspector, the transport and the state stream.
// The conversation id lives in localStorage (or ?session=), so a reload or a second tab
// continues the same conversation; turns made elsewhere arrive through the state stream.
import { fetchState, getToken, openStateStream, setToken } from './api.js';
import { Transcript } from './chat.js';
import { applyText, initialLanguage, saveLanguage, t } from './i18n.js';
import { Inspector } from './inspector.js';
import { fromRecord } from './messages.js';
import { createTransport } from './transport.js';

const SESSION_KEY = 'parley.session';
const newId = () => crypto.randomUUID().replaceAll('-', '');
const $ = (sel) => document.querySelector(sel);

const fromUrl = new URLSearchParams(location.search).get('session');
if (fromUrl) localStorage.setItem(SESSION_KEY, fromUrl);
let session = localStorage.getItem(SESSION_KEY) ?? newId();
localStorage.setItem(SESSION_KEY, session);
const clientId = newId(); // this tab: recognises its own turns in the stream
let awaitingOwnTurn = false;
let streamOpen = false;
let lastSeq = -1;
let stopStream = () => {};

const config = await (await fetch('/chat/config.json')).json();
let lang = initialLanguage(config.language);
const transcript = new Transcript($('#messages'), { onButton: (b) => send(b.payload, b.title) });
const inspector = new Inspector($('#inspector'), lang);

function setStatus(status) {
  const dot = $('#status');
  dot.dataset.status = status;
  dot.title = t(lang, status);
  $('#status-text').textContent = t(lang, status);
}

function showSession() {
  $('#session').textContent = session.length > 14 ? `${session.slice(0, 6)}…${session.slice(-6)}` : session;
  $('#session').title = session;
}

const transport = await createTransport(config, {
  sessionId: () => session,
  clientId,
  onStatus: setStatus,
  onSession: (id) => { if (id && id !== session) { session = id; localStorage.setItem(SESSION_KEY, id); showSession(); } },
  onBot: (m) => { if (awaitingOwnTurn || !streamOpen) transcript.bot(m); },
});

async function send(text, shown = text) {
  const message = text.trim();
  if (!message) return;
  transcript.user(shown);
  awaitingOwnTurn = true;
  await transport.send(message);
}

function onChange(change) {
  const { turn, state } = change;
  if (turn.client_id !== clientId) {
    if (turn.user_text !== null) transcript.user(turn.user_text, { remote: true, remoteLabel: t(lang, 'from') });
    for (const m of turn.bot_messages) transcript.bot(fromRecord(m));
  } else {
    awaitingOwnTurn = false;
  }
  lastSeq = state.seq;
  inspector.addTurn(turn, state);
}

function onStateEvent(state) {
  // first load, or a reconnect that missed changes: the history comes from the state API
  if (state.seq !== lastSeq) {
    transcript.history(state.messages);
    inspector.history(state.messages);
  }
  lastSeq = state.seq;
  inspector.setState(state);
}

function connectStream() {
  stopStream();
  stopStream = openStateStream(session, {
    onEvent: (name, data) => (name === 'state' ? onStateEvent(data) : name === 'change' ? onChange(data) : undefined),
    onStatus: (s) => {
      streamOpen = s === 'open';
      if (s === 'denied') inspector.notice(t(lang, 'authNeeded'));
    },
  });
}

async function loadHistory() {
  try {
    onStateEvent(await fetchState(session));
  } catch (err) {
    if (err.status === 401 || err.status === 403) inspector.notice(t(lang, 'authNeeded'));
  }
}

function applyLanguage() {
  applyText(lang);
  $('#lang').textContent = t(lang, 'lang');
  inspector.setLanguage(lang);
  setStatus($('#status').dataset.status ?? 'connecting');
}

$('#composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $('#input');
  void send(input.value);
  input.value = '';
  input.focus();
});
$('#lang').addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; saveLanguage(lang); applyLanguage(); });
$('#new-chat').addEventListener('click', () => { localStorage.setItem(SESSION_KEY, newId()); location.search = ''; location.reload(); });
$('#toggle-inspector').addEventListener('click', () => document.body.classList.toggle('inspector-open'));
$('#token').value = getToken();
$('#token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  setToken($('#token').value.trim());
  lastSeq = -1;
  void loadHistory();
  connectStream();
});

showSession();
applyLanguage();
await loadHistory();
connectStream();
// for tests and for debugging from the console
window.parley = { get session() { return session; }, clientId, socket: transport.socket };
