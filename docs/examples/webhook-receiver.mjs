// A receiver for crm-guard's signed webhook: verifies X-CrmGuard-Signature before trusting a delivery.
// Run: CRMGUARD_WEBHOOK_SECRET=… PORT=9000 node docs/examples/webhook-receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const SECRET = process.env.CRMGUARD_WEBHOOK_SECRET;
const TOLERANCE_SECONDS = 300; // refuse replays of old deliveries
const seen = new Set(); // delivery ids already handled: deliveries are at least once

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8'); // the raw body, exactly as received
    const timestamp = String(req.headers['x-crmguard-timestamp'] ?? '');
    const given = Buffer.from(String(req.headers['x-crmguard-signature'] ?? ''));
    const expected = Buffer.from(`v1=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`);
    const fresh = /^\d+$/.test(timestamp) && Math.abs(Date.now() / 1000 - Number(timestamp)) <= TOLERANCE_SECONDS;
    if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    const delivery = req.headers['x-crmguard-delivery'];
    if (!seen.has(delivery)) {
      seen.add(delivery);
      const { type, alert } = JSON.parse(body);
      console.log(`verified ${type} ${alert.id} ${alert.severity} ${alert.employee}`);
    }
    res.writeHead(204).end();
  });
});
server.listen(Number(process.env.PORT ?? 9000), '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
