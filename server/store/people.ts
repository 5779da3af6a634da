import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { ApiTokenInfo, NewUser, Role, User, UserWithPassword } from './store';

/** Accounts, API tokens, sessions and sign-in failures: what the console's sign-in reads and writes. */

/** A token is listed and revoked by the first hex digits of its hash; the token itself is never stored. */
export const TOKEN_ID_LENGTH = 12;

type Db = Kysely<Database>;

export async function createUser(db: Db, user: NewUser): Promise<boolean> {
  const done = await db.insertInto('users').values({
    id: user.id, username: user.username, role: user.role, password_hash: user.passwordHash,
    created_at: user.createdAt, created_by: user.createdBy, disabled_at: null,
  }).onConflict((oc) => oc.column('username').doNothing()).returning('id').execute();
  return done.length > 0;
}

export async function userByName(db: Db, username: string): Promise<UserWithPassword | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
}

/** Disabling ends the account's sessions in the same transaction; enabling lets it sign in again. */
export async function setUserDisabled(db: Db, id: string, disabledAt: string | null): Promise<User | undefined> {
  return db.transaction().execute(async (tx) => {
    const done = await tx.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return undefined;
    if (disabledAt) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const row = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toUser(row);
  });
}

/**
 * A new password for an account; its other sessions end in the same transaction (a changed password is
 * often a suspected leak), the one the change was made from (`keepSession`, a session id hash) stays.
 */
export async function setUserPassword(db: Db, id: string, passwordHash: string, keepSession?: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const done = await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return false;
    let others = tx.deleteFrom('sessions').where('user_id', '=', id);
    if (keepSession) others = others.where('id_hash', '!=', keepSession);
    await others.execute();
    return true;
  });
}

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.token_hash.slice(0, TOKEN_ID_LENGTH), role: r.role as Role, label: r.label,
    createdAt: r.created_at, createdBy: r.created_by, revokedAt: r.revoked_at,
  }));
}

/** Revoking also ends the console sessions signed in with that token (their subject is `token:` and its hash's first 8 digits). */
export async function revokeApiToken(db: Db, id: string, at: string): Promise<boolean> {
  if (!/^[0-9a-f]{12}$/.test(id)) return false;
  return db.transaction().execute(async (tx) => {
    const done = await tx.updateTable('api_tokens').set({ revoked_at: at })
      .where('token_hash', 'like', `${id}%`).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return false;
    await tx.deleteFrom('sessions').where('subject', '=', `token:${id.slice(0, 8)}`).where('user_id', 'is', null).execute();
    return true;
  });
}

/** A session is valid until it expires, and only while its account (if any) is enabled; the role is the account's current one. */
export async function sessionByIdHash(db: Db, idHash: string, now: string) {
  const row = await db.selectFrom('sessions').leftJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.role', 'sessions.subject', 'sessions.user_id', 'users.role as user_role', 'users.disabled_at'])
    .where('sessions.id_hash', '=', idHash).where('sessions.expires_at', '>', now).executeTakeFirst();
  if (!row) return undefined;
  if (row.user_id && (row.user_role == null || row.disabled_at)) return undefined;
  return { role: (row.user_role ?? row.role) as Role, subject: row.subject };
}

/** Sessions past their expiry are of no use; dropping them keeps the table to the live ones. */
export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function recordLoginFailure(db: Db, keys: readonly string[], at: string) {
  await db.insertInto('login_failures').values(keys.map((key) => ({ key, at }))).execute();
}

export async function countLoginFailures(db: Db, key: string, since: string): Promise<number> {
  const row = await db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('key', '=', key).where('at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A success forgets the account's failures; old rows of every key go too, so the table stays small. */
export async function clearLoginFailures(db: Db, key: string, olderThan: string) {
  await db.deleteFrom('login_failures').where((eb) => eb.or([eb('key', '=', key), eb('at', '<', olderThan)])).execute();
}

function toUser(row: { id: string; username: string; role: string; created_at: string; created_by: string; disabled_at: string | null }): User {
  return { id: row.id, username: row.username, role: row.role as Role, createdAt: row.created_at, createdBy: row.created_by, disabledAt: row.disabled_at };
}
