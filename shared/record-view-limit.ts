import * as z from 'zod';

/**
 * The record-view rule (IBM's practice: three views per document, each further one with its time, place and
 * reason): a person may open the same client record `opens` times within `periodHours`; beyond that the
 * extension asks for a reason in the page (`warn`: the record stays visible, the reason is optional) or
 * keeps the record covered until one is given (`block`). Each view beyond the limit is reported with the
 * count, and the reason is recorded with it.
 */
export const RecordViewLimit = z.object({
  opens: z.int().min(1).max(1000),
  periodHours: z.number().positive().max(24 * 366),
  mode: z.enum(['warn', 'block']),
});
export type RecordViewLimit = z.infer<typeof RecordViewLimit>;

/** The limit per CRM id (`salesforce`, `bitrix24`, …); a CRM without one has no limit. */
export const RecordViewLimits = z.record(z.string().min(1).max(64), RecordViewLimit);
export type RecordViewLimits = z.infer<typeof RecordViewLimits>;
