import type { Kysely } from 'kysely';

/**
 * Who is who. `device_identities`: how each device's employee was established (a verified ID token's issuer
 * and subject, or only the shared enrollment token). `scim_users`: the people the company's identity
 * provider provisions over SCIM, each resource kept as it was last sent so a GET returns what was PUT.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('device_identities')
    .addColumn('device_id', 'text', (col) => col.primaryKey())
    .addColumn('method', 'text', (col) => col.notNull())
    .addColumn('issuer', 'text')
    .addColumn('subject', 'text')
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('verified_at', 'text', (col) => col.notNull())
    // The SHA-256 of the ID token an enrollment used: one token enrolls one device (a leaked one is not replayable).
    .addColumn('token_hash', 'text', (col) => col.unique())
    .execute();
  await db.schema.createIndex('device_identities_email').on('device_identities').column('email').execute();
  await db.schema.createTable('scim_users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_name', 'text', (col) => col.notNull().unique())
    .addColumn('external_id', 'text')
    .addColumn('active', 'integer', (col) => col.notNull())
    .addColumn('resource', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}
