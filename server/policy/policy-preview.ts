import * as z from 'zod';
import { RiskOverrides, Thresholds } from '../../shared/policy';
import type { Services } from '../env';
import { pseudonym } from '../people/pseudonyms';
import { detectAlerts } from '../risk/alerts';
import { DAY_MS } from '../risk/days';
import { modelWith } from '../risk/model';
import { loadSnapshot } from '../scoring/as-of';
import { scoreOrganisation } from '../scoring/organisation-score';
import { loadPolicy, scoringSettings, type ScoringSettings } from './policy';

/** A candidate policy: thresholds and risk overrides on top of the saved ones, and how many past days to replay. */
export const PolicyPreviewRequest = z.object({
  thresholds: Thresholds.pick({ sequenceWindowHours: true }).partial().optional(),
  risk: RiskOverrides.optional(),
  days: z.int().min(1).max(90).default(14),
});
export type PolicyPreviewRequest = z.infer<typeof PolicyPreviewRequest>;

export interface AlertTally {
  alerts: number;
  byPattern: Record<string, { alerts: number; people: string[] }>;
}

/**
 * What a candidate policy would have raised over the last `days` days, beside what the saved one would
 * have: the organisation is scored as of the end of each day (the backtest's code, nothing saved), and an
 * alert counts when a person's pattern appears on a day it did not on the day before (one open alert per
 * person and pattern while it lasts). People are named by pseudonym: this is a tuning aid, not an investigation.
 */
export async function previewPolicy(services: Services, request: PolicyPreviewRequest) {
  const { store, secrets, now } = services;
  const [policy, current] = await Promise.all([loadPolicy(store, secrets.fingerprintSalt), scoringSettings(store, secrets.fingerprintSalt)]);
  const candidate: ScoringSettings = {
    sequenceWindowHours: request.thresholds?.sequenceWindowHours ?? current.sequenceWindowHours,
    model: modelWith({ ...policy.risk, ...request.risk, indicators: { ...policy.risk.indicators, ...request.risk?.indicators } }),
  };
  const key = await services.pseudonymKey();
  const end = now();
  const moments = Array.from({ length: request.days }, (_, i) => new Date(end.getTime() - (request.days - 1 - i) * DAY_MS));
  return {
    from: moments[0]!.toISOString(),
    to: end.toISOString(),
    days: request.days,
    current: await replay(services, moments, current, key),
    candidate: await replay(services, moments, candidate, key),
  };
}

async function replay({ store }: Services, moments: readonly Date[], settings: ScoringSettings, key: string): Promise<AlertTally> {
  const tally: AlertTally = { alerts: 0, byPattern: {} };
  let raisedBefore = new Set<string>();
  for (const at of moments) {
    const snapshot = await loadSnapshot(store, at, settings.model);
    const raised = new Set<string>();
    for (const risk of scoreOrganisation(snapshot, at, settings)) {
      const data = snapshot.data.get(risk.employee)!;
      const windowed = data.notable.filter((e) => at.getTime() - Date.parse(e.occurredAt) <= settings.model.windowDays * DAY_MS);
      for (const alert of detectAlerts(risk, windowed, data.lineage, settings.sequenceWindowHours, settings.model)) {
        const id = `${risk.employee}|${alert.pattern}`;
        raised.add(id);
        if (raisedBefore.has(id)) continue;
        const entry = (tally.byPattern[alert.pattern] ??= { alerts: 0, people: [] });
        entry.alerts++;
        tally.alerts++;
        const name = pseudonym(key, risk.employee);
        if (!entry.people.includes(name)) entry.people.push(name);
      }
    }
    raisedBefore = raised;
  }
  for (const entry of Object.values(tally.byPattern)) entry.people.sort();
  return tally;
}
