// Conversation ids may contain '/' (Rasa's `<conversation_id:path>`). Before routing, the id
// part of /conversations/<id>/<action> has its slashes encoded, so ordinary
// `/conversations/:conversation_id/...` routes (each with its own schema) match it; the
// router decodes the parameter back.
const CONVERSATION_PATH = /^\/conversations\/(.+)\/(tracker\/events|tracker|messages|trigger_intent|predict|execute|story|state\/stream|state)\/?$/;

export function rewriteConversationUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const match = CONVERSATION_PATH.exec(path);
  if (match === null) return url;
  const [, id = '', action = ''] = match;
  return `/conversations/${id.replaceAll('/', '%2F')}/${action}${q === -1 ? '' : url.slice(q)}`;
}
