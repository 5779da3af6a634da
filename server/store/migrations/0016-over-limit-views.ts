import type { Kysely } from 'kysely';

/**
 * Two daily indicators (server/risk/indicators.ts): opens of a record beyond the policy's record-view limit,
 * and the reasons given for such opens, which the risk model scores on their own (risk/over-limit-views.ts).
 * Days summed before this start at zero: the events are kept, and a backtest (`asOf`) rebuilds its days
 * from them, but the stored sums are not rebuilt here (the rule is new: few deployments have such views).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['over_limit_views', 'over_limit_reasons']) {
    await db.schema.alterTable('activity_days').addColumn(column, 'double precision', (c) => c.notNull().defaultTo(0)).execute();
  }
}
