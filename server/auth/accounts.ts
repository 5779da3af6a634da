import { randomUUID } from 'node:crypto';
import type { NewApiToken, NewUser } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import { ApiError } from '../http/errors';
import { hashPassword } from './passwords';
import { hashToken, newSecret } from './secrets';
import { TOKEN_ID_LENGTH } from '../store/people';
import type { Services } from '../env';

/** What the API and the People page both do to accounts and tokens, each change written to the audit log. */

export async function createAccount(services: Services, actor: string, input: NewUser) {
  const user = {
    id: randomUUID(), username: input.username, role: input.role, passwordHash: await hashPassword(input.password),
    createdAt: services.now().toISOString(), createdBy: actor,
  };
  if (!(await services.store.createUser(user))) throw new ApiError(409, 'conflict', `the username ${input.username} is taken`);
  await recordAudit(services, actor, 'user.create', `user:${user.username}`, { role: user.role });
  const { passwordHash: _, ...created } = user;
  return { ...created, disabledAt: null };
}

/** Disabling ends the account's sessions; the last active admin cannot be disabled (nobody could undo it). */
export async function setAccountDisabled(services: Services, actor: string, id: string, disabled: boolean) {
  const users = await services.store.listUsers();
  const target = users.find((u) => u.id === id);
  if (!target) throw new ApiError(404, 'not_found', `no account ${id}`);
  if (disabled && target.role === 'admin' && users.filter((u) => u.role === 'admin' && !u.disabledAt).length <= 1 && !target.disabledAt) {
    throw new ApiError(409, 'last_admin', 'this is the last active admin account; create another admin first');
  }
  const updated = await services.store.setUserDisabled(id, disabled ? services.now().toISOString() : null);
  if (!updated) throw new ApiError(404, 'not_found', `no account ${id}`);
  await recordAudit(services, actor, disabled ? 'user.disable' : 'user.enable', `user:${updated.username}`);
  return updated;
}

/** The token is returned once, here; only its hash is stored. */
export async function createApiToken(services: Services, actor: string, input: NewApiToken) {
  const token = newSecret('api_');
  const hash = hashToken(token);
  await services.store.addApiToken(hash, input.role, input.label, actor);
  const id = hash.slice(0, TOKEN_ID_LENGTH);
  await recordAudit(services, actor, 'token.create', `token:${id}`, { role: input.role, label: input.label });
  return { id, token, role: input.role, label: input.label };
}

export async function revokeToken(services: Services, actor: string, id: string) {
  if (!(await services.store.revokeApiToken(id, services.now().toISOString()))) throw new ApiError(404, 'not_found', `no live token ${id}`);
  await recordAudit(services, actor, 'token.revoke', `token:${id}`);
}
