import * as net from 'node:net';

/** Let it through, reset the connection, or answer in the server's stead (a raw HTTP response; the connection then closes). */
export type BatchVerdict = 'pass' | 'drop' | { answer: string };
/** Called when a request line `POST /v1/events` passes; return a promise to hold the request until it settles. */
export type BatchHook = (phase: 'request' | 'response') => Promise<BatchVerdict> | BatchVerdict;

/**
 * A TCP proxy between the extension and the server, on a port of its own that never changes: the server
 * behind it may restart on another port, and `cut()` takes the network away (every connection reset, the
 * port refusing) until `restore()`. `onBatch` sees each event batch going up and its answer coming back,
 * so a test can kill the server or the service worker exactly mid-batch.
 */
export class TcpProxy {
  port = 0;
  target = 0;
  onBatch: BatchHook | undefined;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  async listen(port = this.port): Promise<void> {
    const server = net.createServer((client) => this.connect(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  /** The network goes away: open connections are reset and new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  restore(): Promise<void> {
    return this.listen(this.port);
  }

  private connect(client: net.Socket) {
    const upstream = net.connect(this.target, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    let inBatch = false;
    let answered = false;
    // Data is relayed in order through one promise chain per direction, so a held batch holds what follows it.
    let up = Promise.resolve();
    let down = Promise.resolve();
    const reset = () => {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    client.on('data', (chunk) => {
      const isBatch = chunk.toString('latin1', 0, 64).startsWith('POST /v1/events ');
      up = up.then(async () => {
        if (answered) return;
        if (isBatch) inBatch = true;
        const verdict = isBatch && this.onBatch ? await this.onBatch('request') : 'pass';
        if (verdict === 'drop') return reset();
        if (typeof verdict === 'object') {
          answered = true;
          upstream.destroy();
          client.end(verdict.answer);
          return;
        }
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
    upstream.on('data', (chunk) => {
      down = down.then(async () => {
        if (inBatch && chunk.toString('latin1', 0, 9) === 'HTTP/1.1 ') {
          inBatch = false;
          if (this.onBatch && (await this.onBatch('response')) === 'drop') return reset();
        }
        if (!client.destroyed) client.write(chunk);
      });
    });
    for (const [socket, other] of [[client, upstream], [upstream, client]] as const) {
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        // Let what is queued in the other direction go first; an end, not a reset.
        void (socket === client ? up : down).then(() => other.end());
      });
    }
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
