import { Hono } from 'hono';
import * as z from 'zod';
import { requireRole } from '../auth/auth';
import { verifyAuditChain } from '../audit/verify-chain';
import { requirePage } from '../auth/page-auth';
import { validate } from '../http/validate';
import { AuditPage } from '../views/audit';
import type { AppEnv, Services } from '../env';

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

/** The chain, held against the checkpoints kept outside the database. */
function verifyAgainstCheckpoints(services: Services) {
  return verifyAuditChain(services.store, services.secrets.auditKey, services.auditCheckpoints.checkpoints());
}

/** The audit log: readable and verifiable by auditors and admins, writable by nobody through HTTP. */
export const auditRoutes = new Hono<AppEnv>()
  .get('/v1/audit', requireRole('admin', 'auditor'), validate('query', AuditQuery), async (c) => {
    const { limit, before } = c.req.valid('query');
    return c.json(await c.var.services.store.listAudit({ limit, beforeSeq: before }));
  })
  .get('/v1/audit/verify', requireRole('admin', 'auditor'), async (c) => c.json(await verifyAgainstCheckpoints(c.var.services)))
  .get('/audit', requirePage('admin', 'auditor'), validate('query', AuditQuery), async (c) => {
    const { limit, before } = c.req.valid('query');
    const [records, verdict] = await Promise.all([
      c.var.services.store.listAudit({ limit, beforeSeq: before }),
      verifyAgainstCheckpoints(c.var.services),
    ]);
    const last = records.at(-1);
    return c.html(<AuditPage viewer={c.var.person} records={records} verdict={verdict} nextBefore={records.length === limit && last && last.seq > 1 ? last.seq : undefined} />);
  });
