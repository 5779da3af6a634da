import * as fs from 'node:fs';
import * as path from 'node:path';

/** Start Chromium with this switch to reach the service worker's own DevTools target (Playwright gives CDP sessions to pages only). */
export const DEVTOOLS_PORT_ARG = '--remote-debugging-port=0';

interface Target { type: string; url: string; webSocketDebuggerUrl: string }

/**
 * The extension service worker's JS heap, after a full garbage collection, through CDP on its own target
 * (`HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`). Chromium writes the DevTools port it
 * chose to the profile's `DevToolsActivePort`.
 */
export async function serviceWorkerHeap(profileDir: string): Promise<{ usedBytes: number; totalBytes: number }> {
  const port = fs.readFileSync(path.join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Target[];
  const worker = targets.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!worker) throw new Error('no extension service worker is running');
  const socket = new WebSocket(worker.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error('cannot reach the service worker over CDP'));
  });
  let nextId = 0;
  const send = (method: string) => new Promise<Record<string, number>>((resolve, reject) => {
    const id = ++nextId;
    socket.addEventListener('message', function answer(message) {
      const reply = JSON.parse(String(message.data)) as { id?: number; result?: Record<string, number>; error?: unknown };
      if (reply.id !== id) return;
      socket.removeEventListener('message', answer);
      if (reply.error) reject(new Error(`${method}: ${JSON.stringify(reply.error)}`));
      else resolve(reply.result ?? {});
    });
    socket.send(JSON.stringify({ id, method }));
  });
  try {
    await send('HeapProfiler.collectGarbage');
    const usage = await send('Runtime.getHeapUsage');
    return { usedBytes: usage.usedSize!, totalBytes: usage.totalSize! };
  } finally {
    socket.close();
  }
}
