import { DestinationMode } from '../../shared/destinations';
import type { Destination } from '../../shared/policy';

/** The form field that carries a destination's mode; `*` is the default for the rest. */
export const modeField = (id: string) => `mode.${id}`;

// Element ids: `*` is awkward in an id, and a site id never starts with `-`, so these cannot collide.
const elementId = (id: string) => (id === '*' ? 'modes-default' : `mode-${id}`);

function ModeSelect(props: { id: string; label: string; value: string; inherit?: string }) {
  return (
    <div>
      <label for={elementId(props.id)}>{props.label}</label>
      <select id={elementId(props.id)} name={modeField(props.id)}>
        {props.inherit !== undefined && <option value="" selected={props.value === ''}>{props.inherit}</option>}
        {DestinationMode.options.map((m) => <option value={m} selected={props.value === m}>{m}</option>)}
      </select>
    </div>
  );
}

/**
 * A select per personal destination (built in, then added) and one for the default `*`. A destination's
 * "default" option writes no entry, so it follows its own `mode` if it has one, else `*`.
 */
export function DestinationModes(props: { destinations: Destination[]; modes: Record<string, string>; field: (name: string, fallback: string) => string }) {
  const { destinations, modes, field } = props;
  return (
    <fieldset aria-describedby="modes-help">
      <legend><h2>Destination modes</h2></legend>
      <p id="modes-help" class="note">
        <b>audit</b> reports silently, <b>warn</b> reports and shows the employee a notice, <b>block</b> stops the upload or paste and shows the notice.{' '}
        <b>Default (*)</b> applies to every destination left at <i>default</i>; <i>own</i> is the mode an added destination's definition gives.{' '}
        A destination added above gets its own select once the policy is saved.
      </p>
      <div class="field-grid">
        <ModeSelect id="*" label="Default (*)" value={field(modeField('*'), modes['*'] ?? 'audit')} />
        {destinations.map((d) => (
          <ModeSelect id={d.id} label={d.name} value={field(modeField(d.id), modes[d.id] ?? '')} inherit={d.mode ? `own (${d.mode})` : 'default (*)'} />
        ))}
      </div>
    </fieldset>
  );
}
