// The baseline: a bare Fastify route shaped like the REST webhook, doing no work at all.
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 0);
const app = Fastify({ logger: false });
app.post('/webhooks/rest/webhook', async (req) => {
  const body = req.body as { sender?: string };
  return [{ recipient_id: body.sender ?? 'default', text: 'ok' }];
});
app.get('/', async () => 'ok');
await app.listen({ port, host: '127.0.0.1' });
process.send?.({ ready: true });
