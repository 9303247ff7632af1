// `parley run`: serve the newest model over Rasa's HTTP API and the configured channels.
import { serveProject, type ServeFlags } from '../serve-project.js';

export async function runCommand(flags: ServeFlags): Promise<void> {
  const { app, config, model, logger } = await serveProject(flags);
  const { host, port } = config.server;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ event: 'server.stopping', signal }, 'server.stopping');
    app.close().then(() => process.exit(0), (err: unknown) => {
      logger.error({ event: 'server.stop_failed', err }, 'server.stop_failed');
      process.exit(1);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  const addr = app.server.address();
  const shown = addr && typeof addr === 'object' ? `http://${host}:${addr.port}` : `${host}:${port}`;
  logger.info({ event: 'server.started', url: shown, model: model.fileName, tracker_store: config.trackerStore.type }, 'server.started');
  if (process.stdout.isTTY) console.log(`Parley is serving ${model.fileName} at ${shown} (Ctrl+C to stop)`);
}
