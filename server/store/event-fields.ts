import { sql, type RawBuilder } from 'kysely';

/** Top-level fields of an event that live only inside its stored JSON body, for filtering and grouping. */
export type EventBodyField = 'crm' | 'destination';

/**
 * The field as text in SQL, in each dialect's JSON syntax; null when the event has none or holds something
 * else than text there (as event-volume.ts counts it).
 */
export function eventBodyField(dialect: 'sqlite' | 'postgres', field: EventBodyField): RawBuilder<string | null> {
  const body = sql.ref('body');
  return dialect === 'postgres'
    ? sql<string | null>`(case when jsonb_typeof(cast(${body} as jsonb) -> ${sql.lit(field)}) = 'string' then cast(${body} as jsonb) ->> ${sql.lit(field)} end)`
    : sql<string | null>`(case when json_type(${body}, ${sql.lit(`$.${field}`)}) = 'text' then json_extract(${body}, ${sql.lit(`$.${field}`)}) end)`;
}

/**
 * Whether the body holds `field` with this text value: a cheap text match on the JSON as the server wrote
 * it (`"destination":"gmail"`, JSON.stringify's spacing) that lets the database skip most rows before the
 * exact JSON test, which parses each body it looks at (PostgreSQL casts it to jsonb).
 */
export function eventBodyHas(dialect: 'sqlite' | 'postgres', field: EventBodyField, value: string) {
  const needle = `"${field}":${JSON.stringify(value)}`.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`(${sql.ref('body')} like ${`%${needle}%`} escape '\\' and ${eventBodyField(dialect, field)} = ${value})`;
}
