import * as http from 'node:http';
import * as net from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, testApp, type TestApp } from './harness';

const TEN_MB = 10 * 1024 * 1024;

/** What `app.request` cannot show: bodies through a real socket, with a length, chunked without one, or malformed. */
describe('oversized and chunked bodies through a socket', () => {
  let t: TestApp;
  let server: ReturnType<typeof serve>;
  let port = 0;
  let device = '';

  beforeAll(async () => {
    t = await testApp();
    device = await t.enroll('ann@acme.test');
    await new Promise<void>((resolve) => { server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve()); });
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
  });

  /** Sends `size` bytes of `{"events":[{},{},…` in 64 KiB chunks; resolves with the status (0 if the server hung up after answering early). */
  function send(method: string, path: string, size: number, chunked: boolean, token: string) {
    return new Promise<number>((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      if (!chunked) headers['content-length'] = size;
      const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve(0) : reject(error)));
      const chunk = Buffer.from('{"events":[' + '{},'.repeat(21_840));
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
          sent += piece.length;
          if (!req.write(piece)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  }

  it('refuses 10 MB on every route that takes a body, with a length or chunked, and keeps serving', async () => {
    const writes = [...new Set(t.app.routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method)).map((r) => `${r.method} ${r.path}`))];
    expect(writes.length).toBeGreaterThanOrEqual(6);
    const before = await t.store.countEvents();
    for (const route of writes) {
      const [method, path] = route.split(' ') as [string, string];
      const concrete = path.replace(/:\w+/g, 'x');
      for (const chunked of [false, true]) {
        for (const token of [device, ADMIN]) {
          const status = await send(method, concrete, TEN_MB, chunked, token);
          expect(status === 0 || (status >= 400 && status < 500), `${route} chunked=${chunked} → ${status}`).toBe(true);
        }
      }
    }
    expect(await t.store.countEvents()).toBe(before);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 120_000);

  it('answers malformed chunked framing without falling over', async () => {
    for (const raw of [
      'POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n',
      'POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\n{}\r\n0\r\n\r\n',
      'POST /v1/enroll HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n{}',
      'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
    ]) {
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.end(raw));
        let text = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
        socket.setTimeout(5000, () => socket.destroy());
      });
      expect(answer === '' || /^HTTP\/1\.1 4\d\d/.test(answer), answer.slice(0, 200)).toBe(true);
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 60_000);
});
