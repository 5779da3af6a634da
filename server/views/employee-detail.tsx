import type { EmployeeRisk } from '../../shared/risk';
import type { DepartureWindow } from '../risk/departure';
import type { HandoverCheck, HrSignalRecord } from '../store/store';
import type { DeviceCoverageRow, ProtectionSignal } from '../ingest/device-protection';
import { LevelBadge, SIGNAL_NOTE } from './badges';
import { ProtectionSection } from './protection';
import { RevealSection } from './reveal-form';
import { CsrfField, Layout, when, type Viewer } from './layout';
import { TrendChart } from './trend-chart';

/** What a manager does when someone resigns, so clients keep an owner and data stays where it belongs. */
export const HANDOVER_CHECKLIST = [
  { id: 'client_owner', text: 'Assign a new owner for each of the employee’s clients and accounts in the CRM.' },
  { id: 'inform_teams', text: 'Inform the teams who deal with those clients (sales, support, billing) who their contact is now.' },
  { id: 'handover_meeting', text: 'Agree a handover meeting for open deals and pending quotes before the last working day.' },
  { id: 'review_rights', text: 'Review the employee’s CRM export and sharing rights for the notice period.' },
  { id: 'exit_conversation', text: 'Plan the exit conversation: the score is a prompt for it, not a finding.' },
] as const;

export interface EmployeeDetailProps {
  viewer: Viewer;
  pid: string;
  /** The pseudonym, or the e-mail when this viewer sees names or revealed it. */
  name: string;
  revealed: boolean;
  canReveal: boolean;
  risk: EmployeeRisk;
  history: { day: string; score: number }[];
  signals: HrSignalRecord[];
  window?: DepartureWindow;
  handover: HandoverCheck[];
  protection: { devices: DeviceCoverageRow[]; signals: ProtectionSignal[] };
  today: string;
  error?: string;
}

const SIGNAL_NAMES: Record<string, string> = { resignation_notice: 'Resignation notice', last_working_day: 'Last working day', termination: 'Termination' };

/** One employee's score: trend, factors in plain language, departure window, HR signals, handover checklist. */
export function EmployeeDetailPage(props: EmployeeDetailProps) {
  const { viewer, risk } = props;
  const daysLeft = props.window?.lastDay === undefined ? undefined : Math.round((Date.parse(props.window.lastDay) - Date.parse(props.today)) / 86_400_000);
  const resigned = props.signals.some((s) => s.kind === 'resignation_notice');
  return (
    <Layout title={props.name} viewer={viewer} current="/employees">
      <p><a href="/employees">← Employees</a></p>
      <div>
        <h1>{props.name}</h1>
        <p><LevelBadge level={risk.level} /> score <b>{Math.round(risk.score)}</b> of 100 · updated {when(risk.updatedAt)}</p>
        <p class="notice">{SIGNAL_NOTE} Only counts and factors are shown here, never what was copied or sent.</p>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.canReveal && !props.revealed && <RevealSection viewer={viewer} action={`/employees/${props.pid}/reveal`} />}
      <div class="grid2">
        <section aria-labelledby="trend-heading">
          <h2 id="trend-heading">Trend</h2>
          <TrendChart history={props.history} label="Daily score" />
        </section>
        <section aria-labelledby="factors-heading">
          <h2 id="factors-heading">Why</h2>
          {risk.factors.length === 0 ? <p class="muted">Nothing unusual.</p> : (
            <ul class="factors">{risk.factors.map((f) => <li>{f.summary} <span class="muted">({Math.round(f.points) === 1 ? '1 point' : `${Math.round(f.points)} points`})</span></li>)}</ul>
          )}
        </section>
      </div>
      <section aria-labelledby="departure-heading">
        <h2 id="departure-heading">Departure</h2>
        {props.window
          ? <p>{props.window.summary}{daysLeft !== undefined ? ` ${daysLeft >= 0 ? `${daysLeft} days until the last working day.` : 'The last working day has passed.'}` : ''}</p>
          : <p class="muted">No resignation, last working day or termination recorded.</p>}
        {props.signals.length > 0 && (
          <ul class="factors">{props.signals.map((s) => <li>{SIGNAL_NAMES[s.kind] ?? s.kind}: {s.effectiveDate.slice(0, 10)} <span class="muted">({s.source})</span></li>)}</ul>
        )}
        {resigned && (
          <form method="post" action={`/employees/${props.pid}/handover`}>
            <CsrfField viewer={viewer} />
            <fieldset>
              <legend><h3>Handover checklist</h3></legend>
              {HANDOVER_CHECKLIST.map((item) => {
                const done = props.handover.find((h) => h.item === item.id);
                return (
                  <p>
                    <input type="checkbox" name="items" value={item.id} id={`handover-${item.id}`} checked={Boolean(done)} />{' '}
                    <label class="inline" for={`handover-${item.id}`}>{item.text}</label>
                    {done && <span class="note"> Done by {done.doneBy.replace(/^user:/, '')}, {when(done.doneAt)}.</span>}
                  </p>
                );
              })}
              <button type="submit" class="secondary">Save checklist</button>
            </fieldset>
          </form>
        )}
      </section>
      <ProtectionSection devices={props.protection.devices} signals={props.protection.signals} hideAddresses={!props.revealed && props.canReveal} />
    </Layout>
  );
}
