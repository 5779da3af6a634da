import { CsrfField, type Viewer } from './layout';

/** Asks why a name is needed before showing it; the route writes the reason to the audit log first. */
export function RevealSection(props: { viewer: Viewer; action: string }) {
  return (
    <section aria-labelledby="reveal-heading">
      <h2 id="reveal-heading">Reveal the name</h2>
      <form method="post" action={props.action} class="filters">
        <CsrfField viewer={props.viewer} />
        <div><label for="reveal-reason">Why you need the name (recorded in the audit log)</label><input id="reveal-reason" name="reason" required minlength={10} maxlength={500} /></div>
        <div><button type="submit">Reveal</button></div>
      </form>
    </section>
  );
}
