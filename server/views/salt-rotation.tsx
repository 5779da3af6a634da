import type { SaltRotation } from '../policy/fingerprint-salt';
import { CsrfField, type Viewer } from './layout';

/**
 * The device salt's rotation: when it last happened and whether devices still fingerprint under the
 * previous salt. Never the salts themselves (docs/privacy.md, "Rotating the device salt").
 */
export function SaltRotationCard(props: { viewer: Viewer; rotation?: SaltRotation; now: Date }) {
  const { rotation, now } = props;
  const open = rotation?.previous && Date.parse(rotation.previous.until) > now.getTime();
  return (
    <form method="post" action="/policy/salt-rotation" class="card">
      <CsrfField viewer={props.viewer} />
      <h2>Device salt</h2>
      <p class="note">
        {rotation ? <>Last rotated <time datetime={rotation.rotatedAt}>{rotation.rotatedAt}</time>. </> : <>Never rotated. </>}
        {open ? <>Devices also fingerprint under the previous salt until <time datetime={rotation!.previous!.until}>{rotation!.previous!.until}</time>, so CRM data seen before the rotation still matches uploads after it.</> : null}
      </p>
      <p class="note">Rotate when a device's salt may have leaked. Lineage holds across the rotation for the lineage window (the longer of the scoring window and the departure look-back).</p>
      {open && <p><label><input type="checkbox" name="force" value="1" /> Rotate again now, ending the open window early (lineage with data from before the previous rotation is lost)</label></p>}
      <p><button type="submit">Rotate the device salt</button></p>
    </form>
  );
}
