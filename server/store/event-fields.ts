import { sql, type RawBuilder } from 'kysely';

/** Top-level fields of an event that live only inside its stored JSON body, for filtering and grouping. */
export type EventBodyField = 'crm' | 'destination';

/** The field as text in SQL (null when the event has none), in each dialect's JSON syntax. */
export function eventBodyField(dialect: 'sqlite' | 'postgres', field: EventBodyField): RawBuilder<string | null> {
  return dialect === 'postgres'
    ? sql<string | null>`(cast(${sql.ref('body')} as jsonb) ->> ${sql.lit(field)})`
    : sql<string | null>`json_extract(${sql.ref('body')}, ${sql.lit(`$.${field}`)})`;
}
