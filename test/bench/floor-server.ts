/**
 * The floor for `ingest.ts --floor node|hono`: the least an HTTP receiver of event batches can do on
 * PostgreSQL. JSON.parse, the server's rows (eventRow), one multi-row INSERT … ON CONFLICT DO NOTHING a
 * request through a bare pg pool as large as the server's, the answer. No authentication, no validation,
 * no daily sums, no scoring. `FLOOR_FRAMEWORK=hono` serves it as a Hono route through @hono/node-server
 * (the server's framework and adapter), otherwise straight from node:http: what the real server spends
 * beyond these is its own work, not Node's, Hono's or the database's. Not a server to deploy; configured
 * by DATABASE_URL (with `?schema=`), PORT and HOST.
 */
import * as http from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Event } from '../../shared/events';
import { eventRow, poolOnSchema, postgresInsert, rowParams, type EventRow } from './raw-insert';

const pool = poolOnSchema(process.env.DATABASE_URL!, 10);
const sqlByRows = new Map<number, string>();

/** Idempotent by id, as the server is: a resend stores nothing twice. */
function insertSql(rows: number): string {
  let sql = sqlByRows.get(rows);
  if (sql === undefined) sqlByRows.set(rows, (sql = `${postgresInsert(rows)} on conflict (id) do nothing`));
  return sql;
}

async function ingest(body: string): Promise<{ accepted: number; duplicate: number }> {
  const { events } = JSON.parse(body) as { events: Event[] };
  const receivedAt = new Date().toISOString();
  const rows: EventRow[] = events.map((e) => eventRow(e, receivedAt, 'floor'));
  const result = await pool.query(insertSql(rows.length), rowParams(rows));
  return { accepted: result.rowCount ?? 0, duplicate: rows.length - (result.rowCount ?? 0) };
}

const HOST = process.env.HOST ?? '127.0.0.1';
const listening = (port: number) => console.log(`floor server (${process.env.FLOOR_FRAMEWORK ?? 'node'}) listening on http://${HOST}:${port}`);

const server = process.env.FLOOR_FRAMEWORK === 'hono'
  ? serve({ fetch: new Hono().post('/v1/events', async (c) => c.json(await ingest(await c.req.text()))).fetch, port: Number(process.env.PORT ?? 0), hostname: HOST }, (info) => listening(info.port))
  : http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      ingest(Buffer.concat(chunks).toString()).then(
        (result) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    });
  }).listen(Number(process.env.PORT ?? 0), HOST, function (this: http.Server) { listening((this.address() as { port: number }).port); });
process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
