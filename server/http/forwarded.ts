import type { Context } from 'hono';
import { isIP } from 'node:net';
import type { AppEnv } from '../env';
import { clientAddress } from './rate-limit';

/**
 * What a TLS-terminating reverse proxy tells us, believed only when the connection comes from one of
 * `CRMGUARD_TRUSTED_PROXIES`: any client can send X-Forwarded-* headers.
 */
function fromTrustedProxy(c: Context<AppEnv>): boolean {
  const proxies = c.var.services.identity.trustedProxies;
  if (proxies.length === 0) return false;
  const peer = normalise(clientAddress(c));
  return proxies.some((p) => normalise(p) === peer);
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

/**
 * Whether the browser reached us over HTTPS: the public URL says so, the request itself is https, or a
 * trusted proxy forwarded it with `X-Forwarded-Proto: https`. Cookies are then `Secure`.
 */
export function isHttpsRequest(c: Context<AppEnv>): boolean {
  if (c.var.services.identity.publicUrl?.startsWith('https:')) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https' && fromTrustedProxy(c);
}

/** The client's address: the socket's, or the last hop a trusted proxy appended to X-Forwarded-For. */
export function requesterAddress(c: Context<AppEnv>): string {
  const socket = clientAddress(c);
  if (!fromTrustedProxy(c)) return socket;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter((h) => isIP(h));
  return hops.at(-1) ?? socket;
}
