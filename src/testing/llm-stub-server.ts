// An OpenAI-compatible chat-completions server for tests and benches: a real HTTP server the
// production client talks to, scripted per test (answers, delays, 5xx, malformed bodies, resets).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubReply {
  /** the assistant message is this object, serialised */
  json?: object;
  /** the assistant message text */
  text?: string;
  delayMs?: number;
  /** an error status (the body is OpenAI's error shape) */
  status?: number;
  /** a 200 response whose body is not valid JSON */
  malformed?: boolean;
  /** the connection is destroyed without a response */
  reset?: boolean;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface StubRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** the raw request body, as received */
  raw: string;
  /** the parsed body (undefined when it was not JSON) */
  body: { model?: string; messages?: { role: string; content: string }[]; response_format?: unknown; [k: string]: unknown } | undefined;
}

export type StubResponder = (req: StubRequest) => StubReply;

export interface LlmStub {
  /** base URL for an OpenAI client, ending in /v1 */
  readonly url: string;
  /** every request received, in order */
  readonly requests: StubRequest[];
  /** replies used in order, before the default responder */
  enqueue(...replies: StubReply[]): void;
  setDefault(responder: StubResponder): void;
  /** forgets queued replies and recorded requests */
  reset(): void;
  close(): Promise<void>;
}

const PATHS = new Set(['/v1/chat/completions', '/chat/completions']);
const unscripted: StubResponder = () => ({ status: 500, text: 'llm stub: no reply scripted' });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): StubRequest['body'] {
  try { return JSON.parse(raw) as StubRequest['body']; } catch { return undefined; }
}

/** Waits `ms`, or less if the client goes away. */
function delay(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    res.once('close', () => { clearTimeout(t); resolve(); });
  });
}

function completion(reply: StubReply, model: string | undefined): string {
  const content = reply.json !== undefined ? JSON.stringify(reply.json) : reply.text ?? '';
  const usage = reply.usage ?? { prompt_tokens: 10, completion_tokens: Math.max(1, Math.ceil(content.length / 4)) };
  return JSON.stringify({
    id: `chatcmpl-stub-${Date.now()}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: model ?? 'stub',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}

function send(res: ServerResponse, reply: StubReply, model: string | undefined): void {
  if (reply.reset) {
    res.socket?.destroy();
    return;
  }
  const headers = { 'content-type': 'application/json' };
  if (reply.status !== undefined && reply.status >= 400) {
    res.writeHead(reply.status, headers).end(JSON.stringify({ error: { message: reply.text ?? 'stub error', type: 'server_error', code: null } }));
  } else if (reply.malformed) {
    res.writeHead(200, headers).end('{"id": "chatcmpl-broken", "choices": [{"message": ');
  } else {
    res.writeHead(200, headers).end(completion(reply, model));
  }
}

export async function startLlmStub(opts: { responder?: StubResponder } = {}): Promise<LlmStub> {
  const queue: StubReply[] = [];
  const requests: StubRequest[] = [];
  let responder = opts.responder ?? unscripted;
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== 'POST' || !PATHS.has(path)) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const request: StubRequest = { path, headers: req.headers, raw, body: parseJson(raw) };
      requests.push(request);
      const reply = queue.shift() ?? responder(request);
      if (reply.delayMs) await delay(reply.delayMs, res);
      if (!res.destroyed) send(res, reply, request.body?.model);
    })().catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => { queue.push(...replies); },
    setDefault: (r) => { responder = r; },
    reset: () => { queue.length = 0; requests.length = 0; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
