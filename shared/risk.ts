import * as z from 'zod';

export const RiskLevel = z.enum(['low', 'medium', 'high', 'critical']);
export type RiskLevel = z.infer<typeof RiskLevel>;

/** The contract's bands: low < 30 ≤ medium < 60 ≤ high < 80 ≤ critical. */
export function levelFor(score: number): RiskLevel {
  if (score >= 80) return 'critical';
  if (score >= 60) return 'high';
  if (score >= 30) return 'medium';
  return 'low';
}

export const RiskFactor = z.object({
  /** Stable id of the indicator, e.g. `crm_export`, `lineage_match`. */
  id: z.string(),
  /** Share of the score this factor explains; the factors' points add up to the score. */
  points: z.number(),
  /** One plain sentence a person can act on. */
  summary: z.string(),
  eventIds: z.array(z.string()),
});
export type RiskFactor = z.infer<typeof RiskFactor>;

export const EmployeeRisk = z.object({
  employee: z.string(),
  score: z.number().min(0).max(100),
  level: RiskLevel,
  factors: z.array(RiskFactor),
  updatedAt: z.string(),
});
export type EmployeeRisk = z.infer<typeof EmployeeRisk>;
