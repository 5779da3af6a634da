import * as dgram from 'node:dgram';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest { method: string; path: string; headers: http.IncomingHttpHeaders; body: string }

/** A real HTTP server on a random loopback port; `reply` decides each answer (200 `{}` by default). */
export async function httpReceiver(reply: (req: ReceivedRequest) => { status: number; body: string } = () => ({ status: 200, body: '{}' })) {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const answer = reply(request);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A syslog receiver on UDP: one message per datagram. */
export async function udpReceiver() {
  const received: string[] = [];
  const socket = dgram.createSocket('udp4');
  socket.on('message', (m) => received.push(m.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, received, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

/** A syslog receiver on TCP: keeps every connection's bytes as they arrived, for the test to parse the framing. */
export async function tcpReceiver() {
  const streams: string[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => streams.push(Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, streams, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Splits an RFC 6587 octet-counted stream (`LEN SP MSG`…) into its messages, checking each length. */
export function octetCounted(stream: string): string[] {
  const messages: string[] = [];
  let rest = Buffer.from(stream, 'utf8');
  while (rest.length > 0) {
    const space = rest.indexOf(0x20);
    const length = Number(rest.subarray(0, space).toString());
    if (!Number.isInteger(length) || length <= 0) throw new Error(`bad octet count in ${rest.subarray(0, 20).toString()}`);
    messages.push(rest.subarray(space + 1, space + 1 + length).toString('utf8'));
    rest = rest.subarray(space + 1 + length);
  }
  return messages;
}
