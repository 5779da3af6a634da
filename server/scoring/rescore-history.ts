import { addDays, isoDay } from '../risk/days';
import { departureWindow } from '../risk/departure';
import { setAsideChangeWindows } from '../risk/change-windows';
import type { ScoringSettings } from '../policy/policy';
import { windowsByEmployee } from './change-windows';
import { firstActiveDay, leavingOut } from '../risk/peers';
import { peersOf, score } from './rescore';
import type { Store } from '../store/store';

/**
 * A notice re-weighs the look-back before it: the history of those days is rescored as of the end of
 * each day, with the notice, so the trend HR sees tells the same story as the current score. Only days
 * already in the history are rewritten; the peer baselines are today's (the past ones are not kept).
 */
export async function rewriteDepartureHistory(store: Store, employee: string, now: Date, settings: ScoringSettings): Promise<number> {
  const { model } = settings;
  const hrSignals = await store.hrSignals(employee);
  const departure = departureWindow(hrSignals, model);
  if (!departure) return 0;
  const today = isoDay(now);
  const days = (await store.riskHistory(employee)).map((h) => h.day).filter((day) => day >= departure.fromDay && day < today);
  if (days.length === 0) return 0;
  // A day's window reaches back at most `windowDays` before the look-back, and its baseline further still.
  const earliest = addDays(departure.fromDay, -model.windowDays);
  const [data, peers] = await Promise.all([
    store.scoringData([employee], { dailySince: addDays(earliest, -model.baselineDays), eventsSince: `${addDays(earliest, -1)}T00:00:00.000Z` }),
    peersOf(store, now, model, employee),
  ]);
  const windows = windowsByEmployee(await store.changeWindows()).get(employee);
  // Today's baselines without this person's own totals of today: their later total is no ceiling for their earlier days.
  const group = peers.group(employee);
  // As the pool holds them: with the person's declared change windows set aside, or their totals are not found to leave out.
  const daily = data.get(employee)?.daily ?? [];
  const hiredOn = peers.hiredOn(employee);
  const others = group && leavingOut(group, setAsideChangeWindows(daily, [], windows).daily, now, model, firstActiveDay(daily, isoDay(now)), employee, hiredOn);
  const points = days.map((day) => ({ day, score: score(employee, data.get(employee), hrSignals, others, new Date(`${day}T23:59:59.999Z`), settings, windows, hiredOn).score }));
  await store.rewriteRiskHistory(employee, points);
  return points.length;
}
