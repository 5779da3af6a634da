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
