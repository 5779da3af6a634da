import { Layout } from './layout';

export function LoginPage(props: { error?: string }) {
  return (
    <Layout title="Sign in">
      <main>
        <section class="login">
          <h1>Sign in</h1>
          <p class="note">Use the admin token that <code>npm start</code> printed, or an API token.</p>
          {props.error && <p class="error" role="alert">{props.error}</p>}
          <form method="post" action="/login">
            <label for="token">Token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required />
            <p><button type="submit">Sign in</button></p>
          </form>
        </section>
      </main>
    </Layout>
  );
}
