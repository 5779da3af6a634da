import type { EvaluationOrg } from './evaluation-org';
import { dayIso, DEPARTMENT, generateOrg, LEAK_START } from './synthetic-org';

/**
 * The HR directory's hire date of employee `i` who was first active on `startDay`: a new hire's orientation
 * week, laptop and CRM access come first (0–10 days before the CRM sees them); everyone there from the start
 * was hired one to nine years before. Derived, not drawn, so the organisation's random stream is unchanged.
 */
function hiredDay(startDay: number, i: number): number {
  return startDay > 0 ? startDay - ((i * 7) % 11) : -365 * (1 + (i % 9)) - ((i * 37) % 300);
}

/**
 * The internal generator's organisation (test/bench/synthetic-org.ts, the one the model is tuned on) in the
 * evaluation's shape: its role is the job title (SDRs and account executives share the sales department), everyone works in UTC, and its labels
 * become the truth (a heavy user or a careless paster is an innocent).
 */
export function internalOrg(seed: number, { people, days }: { people: number; days: number }): EvaluationOrg {
  const org = generateOrg(seed, people, days);
  const day = (n: number) => dayIso(org.start, n);
  return {
    start: org.start.toISOString(),
    days: org.days,
    people: org.employees.map((p, i) => ({ email: p.email, department: DEPARTMENT[p.role], jobTitle: p.role, timeZone: 'UTC', hiredOn: day(hiredDay(p.startDay, i)) })),
    events: org.employees.flatMap((p) => p.events).sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0)),
    hrSignals: org.employees.flatMap((p) => p.hr.map((s) => ({ employeeEmail: p.email, kind: s.kind as 'resignation_notice' | 'last_working_day' | 'termination', effectiveDate: s.effectiveDate }))),
    changeWindows: org.changeWindows ?? [],
    truth: org.employees.map((p) => {
      if (p.leak) return { email: p.email, label: 'leaker', style: p.leak.style, noticeDate: day(p.leak.noticeDay), leakStart: day(p.leak.noticeDay + LEAK_START[p.leak.style]) };
      if (p.changeWindow) return { email: p.email, label: 'change_window' };
      if (p.honestLeaver) return { email: p.email, label: 'resigner_clean', noticeDate: day(p.honestLeaver.noticeDay) };
      if (p.startDay > 0) return { email: p.email, label: 'new_hire' };
      return { email: p.email, label: 'innocent' };
    }),
  };
}
