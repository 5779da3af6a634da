import { serve } from '@hono/node-server';
import { createApp } from './app';
import { bootstrap, type Bootstrap } from './auth/bootstrap';
import { configFromEnv, type ServerConfig } from './config';
import { openStore } from './store/open-store';
import { DeliveryDispatcher } from './integrations/dispatcher';
import { schedulePurge, scheduleRescoring } from './scoring/schedule';

export interface RunningServer {
  url: string;
  config: ServerConfig;
  boot: Bootstrap;
  close(): Promise<void>;
}

/** Opens the store, serves the app and closes both on SIGINT/SIGTERM. */
export async function startServer(config: ServerConfig = configFromEnv()): Promise<RunningServer> {
  const store = await openStore(config);
  const boot = await bootstrap(store, config);
  const app = createApp({ store, secrets: boot.secrets, employeeDomains: config.employeeDomains, identity: config.identity });
  const stopRescoring = scheduleRescoring(app.services);
  const stopPurge = schedulePurge(app.services);
  const stopDeliveries = new DeliveryDispatcher(app.services).start();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      stopRescoring();
      stopPurge();
      stopDeliveries();
      server.close(() => resolve());
      // Idle keep-alive sockets would hold close() open for seconds; requests in flight still finish.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }).then(() => app.services.ingestScoring.settle()).then(() => store.close()));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void close().then(() => process.exit(0)));
  }
  return { url: `http://${config.host}:${port}`, config, boot, close };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const running = await startServer();
  console.log(`crm-guard server listening on ${running.url} (${running.config.databaseUrl ? 'PostgreSQL' : `SQLite ${running.config.sqliteFile}`})`);
}
