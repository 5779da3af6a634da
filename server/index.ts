import * as path from 'node:path';
import type { serve } from '@hono/node-server';
import type { Bootstrap } from './auth/bootstrap';
import { configFromEnv, type ServerConfig } from './config';
import { checkStart, portProblem, runCommand } from './startup/preflight';

export interface RunningServer {
  url: string;
  config: ServerConfig;
  boot: Bootstrap;
  close(): Promise<void>;
}

/**
 * Opens the store, serves the app and closes both on SIGINT/SIGTERM. The server's modules load here, not
 * at import: a start that fails its checks (port, DATABASE_URL) says so before paying for them.
 */
export async function startServer(config: ServerConfig = configFromEnv()): Promise<RunningServer> {
  const { openStore } = await import('./store/open-store');
  const store = await openStore(config);
  const [{ serve }, { createApp }, { bootstrap }, { DeliveryDispatcher }, { schedulePurge, scheduleRescoring }, { AUDIT_CHECKPOINT_FILE, CHECKPOINT_EVERY_MS }] = await Promise.all([
    import('@hono/node-server'), import('./app'), import('./auth/bootstrap'), import('./integrations/dispatcher'), import('./scoring/schedule'), import('./audit/checkpointer'),
  ]).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const boot = await bootstrap(store, config);
  const app = createApp({ store, secrets: boot.secrets, employeeDomains: config.employeeDomains, auditCheckpointFile: path.join(config.dataDir, AUDIT_CHECKPOINT_FILE), identity: config.identity });
  // A quiet console still gets its newest records anchored: the timer checkpoints a chain that grew.
  const checkpointTimer = setInterval(() => void app.services.auditCheckpoints.checkpoint().catch((error) => console.error('audit checkpoint failed', error)), CHECKPOINT_EVERY_MS);
  checkpointTimer.unref();
  const stopRescoring = scheduleRescoring(app.services);
  const stopPurge = schedulePurge(app.services);
  const stopDeliveries = new DeliveryDispatcher(app.services).start();
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    // The port can be taken between the preflight check and here; that is a clear error, not a crash.
    s.once('error', (error: NodeJS.ErrnoException) => reject(new Error(portProblem(config, error))));
  }).catch(async (error: unknown) => {
    clearInterval(checkpointTimer);
    stopRescoring();
    stopPurge();
    stopDeliveries();
    await store.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      stopRescoring();
      stopPurge();
      stopDeliveries();
      clearInterval(checkpointTimer);
      server.close(() => resolve());
      // Idle keep-alive sockets would hold close() open for seconds; requests in flight still finish.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }).then(() => app.services.ingestScoring.settle()).then(() => app.services.auditCheckpoints.settled()).then(() => store.close()));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void close().then(() => process.exit(0)));
  }
  return { url: `http://${config.host}:${port}`, config, boot, close };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  await runCommand(async () => {
    const config = configFromEnv();
    await checkStart(config);
    const running = await startServer(config);
    console.log(`crm-guard server listening on ${running.url} (${running.config.databaseUrl ? 'PostgreSQL' : `SQLite ${running.config.sqliteFile}`})`);
  });
}
