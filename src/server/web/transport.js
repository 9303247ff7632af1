// Sends user messages and receives bot messages: Rasa's socket.io protocol when the server has
// the socketio channel (the client script comes from the server's own /socket.io/), else the
// REST webhook. socket.io reconnects by itself; every (re)connect asks for the same session.
import { fromRecord, fromSocket } from './messages.js';
import { postRest } from './api.js';

export async function createTransport(config, { sessionId, clientId, onBot, onStatus, onSession }) {
  const sio = config.socketio;
  if (!sio) {
    onStatus('connected');
    return {
      async send(text) {
        const replies = await postRest(sessionId(), text, { client_id: clientId });
        for (const r of replies) onBot(fromRecord(r), 'rest');
      },
    };
  }
  const { io } = await import(`${sio.path}/socket.io.esm.min.js`);
  const url = sio.namespace && sio.namespace !== '/' ? sio.namespace : undefined;
  const socket = io(url, { path: sio.path, transports: ['websocket', 'polling'], reconnectionDelayMax: 4000 });
  onStatus('connecting');
  socket.on('connect', () => {
    onStatus('connected');
    socket.emit('session_request', { session_id: sessionId() });
  });
  socket.on('disconnect', (reason) => {
    onStatus('offline');
    // a server shutting down (rolling restart) disconnects on purpose: come back to another process
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
  });
  socket.io.on('reconnect_attempt', () => onStatus('offline'));
  socket.on('session_confirm', (id) => onSession(typeof id === 'string' ? id : id?.session_id));
  socket.on(sio.bot_message_evt, (payload) => onBot(fromSocket(payload), 'socket'));
  return {
    socket,
    async send(text) {
      socket.emit(sio.user_message_evt, { message: text, session_id: sessionId(), [sio.metadata_key]: { client_id: clientId } });
    },
  };
}
