import { CsrfField, Layout, type Viewer } from './layout';

/** One's own account: change the password (accounts only; an API token has none). */
export function AccountPage(props: { viewer: Viewer; isAccount: boolean; error?: string; info?: string }) {
  const { viewer } = props;
  return (
    <Layout title="Your account" viewer={viewer}>
      <div>
        <h1>Your account</h1>
        <p class="note">Signed in as {viewer.subject.replace(/^user:/, '')}, role {viewer.role}.</p>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.info && <p class="notice" role="status">{props.info}</p>}
      {props.isAccount ? (
        <section aria-labelledby="password-heading">
          <h2 id="password-heading">Change your password</h2>
          <form method="post" action="/account/password" class="stack">
            <CsrfField viewer={viewer} />
            <div><label for="current">Current password</label><input id="current" name="current" type="password" autocomplete="current-password" required maxlength={256} /></div>
            <div><label for="password">New password (at least 12 characters)</label><input id="password" name="password" type="password" autocomplete="new-password" required minlength={12} maxlength={256} /></div>
            <div><label for="confirm">New password again</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength={12} maxlength={256} /></div>
            <p class="note">Your other signed-in browsers are signed out.</p>
            <p><button type="submit">Change password</button></p>
          </form>
        </section>
      ) : (
        <section><p>You signed in with an API token; it has no password. An administrator can revoke it and create another.</p></section>
      )}
    </Layout>
  );
}
