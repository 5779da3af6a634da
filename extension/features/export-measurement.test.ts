import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { measureExport } from './export-measurement';

const CSV = 'Name,Email\r\nAnn,ann@example-client.com\r\nBob,bob@example-client.com\r\n';

/** A server download when the saved file cannot be read: requested again only where the policy allows. */
describe('measureExport for a server download', () => {
  let server: http.Server;
  let requests = 0;
  let url = '';
  beforeAll(async () => {
    server = http.createServer((_, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="clients.csv"' }).end(CSV);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = 0;
    fakeBrowser.reset();
    // A packed install without "Allow access to file URLs".
    vi.spyOn(fakeBrowser.extension, 'isAllowedFileSchemeAccess').mockResolvedValue(false);
  });

  const item = { filename: '/home/ann/Downloads/0b5c5a1e-guid', fileSize: CSV.length, mime: 'text/csv' } as Browser.downloads.DownloadItem;

  it('is left unmeasured, saying why, and never requested, when the policy does not allow it', async () => {
    const measured = await measureExport(url, 'download', 'csv', item, false);
    expect(measured).toEqual({ measuredBy: 'unmeasured', unmeasuredReason: 'the saved file cannot be read (no access to file URLs) and the policy does not allow requesting the export again' });
    expect(requests).toBe(0);
  });

  it('is requested once more, and marked so, when the policy allows it', async () => {
    const measured = await measureExport(url, 'download', 'csv', item, true);
    expect(measured).toMatchObject({ measuredBy: 're_request', suggestedName: 'clients.csv', shape: { rows: 2, emailCount: 2 } });
    expect(requests).toBe(1);
  });
});
