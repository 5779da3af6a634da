import { indicatorAnomaly } from './anomaly';
import { isoDay } from './days';
import { describeAnomaly, fmt } from './explain';
import type { DailyActivity } from './indicators';
import type { RiskModel } from './model';
import type { PeerContext } from './peers';

export interface OverLimitViews {
  raw: number;
  summary: string;
  /** Opens beyond the limit in the window, and how many of them the employee gave a reason for. */
  opens: number;
  explained: number;
}

/**
 * Opens of client records beyond the policy's record-view limit (IBM's rule: a few views per record, each
 * further one with its time and reason), as a factor of their own. Each open past the limit counts, not the
 * distinct records of the day the record-views indicator counts, and is compared like any indicator
 * (anomaly.ts): with the person's own usual and the peers', every day decaying with its age. A reason
 * given makes an open weigh `overLimitReasonedShare` of one without: explained, not pardoned.
 */
export function overLimitViews(
  daily: readonly DailyActivity[],
  from: string,
  now: Date,
  peers: PeerContext | undefined,
  weighDay: (day: string) => number,
  model: RiskModel,
  departingOn?: (day: string) => boolean,
): OverLimitViews | undefined {
  const anomaly = indicatorAnomaly('over_limit_views', daily, from, now, peers, weighDay, model, departingOn);
  if (!anomaly) return undefined;
  const today = isoDay(now);
  const reasons = daily.filter((d) => d.day >= from && d.day <= today).reduce((s, d) => s + (d.values.over_limit_reasons ?? 0), 0);
  // A reason sent twice, or for a view that never reached the server, explains no more than the opens there were.
  const explained = Math.min(reasons, anomaly.total);
  const unexplained = 1 - explained / anomaly.total;
  const share = model.overLimitReasonedShare;
  const raw = anomaly.points * (share + (1 - share) * unexplained);
  const given = explained === 0 ? 'no reason given' : explained === anomaly.total ? 'a reason given for each' : `reasons given for ${fmt(explained)}`;
  return { raw, summary: `${describeAnomaly(anomaly, peers?.group, from).replace(/\.$/, '')}; ${given}.`, opens: anomaly.total, explained };
}
