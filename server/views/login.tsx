import { CSRF_FIELD } from '../auth/auth';
import { Layout } from './layout';

/** One form: an account's username and password, or an API token (the admin token `npm start` prints). */
export function LoginPage(props: { csrf: string; error?: string; info?: string; username?: string; identityProvider?: boolean; localAccounts?: boolean }) {
  const local = props.localAccounts ?? true;
  return (
    <Layout title="Sign in">
      <section class="login">
        <h1>Sign in</h1>
        {props.info && <p class="notice" role="status">{props.info}</p>}
        {props.error && <p class="error" role="alert">{props.error}</p>}
        {props.identityProvider && (
          <p><a class="button" href="/auth/oidc/login">Sign in with your company account</a></p>
        )}
        {props.identityProvider && <p class="or">or, as a break-glass local account</p>}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          {local && <><div>
            <label for="username">Username</label>
            <input id="username" name="username" autocomplete="username" value={props.username ?? ''} maxlength={64} />
          </div>
          <div>
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" maxlength={256} />
          </div></>}
          {local && <p class="or">or</p>}
          <div>
            <label for="token">API token</label>
            <input id="token" name="token" type="password" autocomplete="off" aria-describedby="token-help" />
            <p id="token-help" class="note">The admin token <code>npm start</code> printed, or a token an administrator created.</p>
          </div>
          <p><button type="submit">Sign in</button></p>
        </form>
      </section>
    </Layout>
  );
}
