import { SignInSection, type SignInSettings } from './sign-in-settings';
import type { ApiTokenInfo, User } from '../store/store';
import { CsrfField, Layout, when, type Viewer } from './layout';

const ROLES = ['admin', 'security', 'hr', 'auditor'] as const;

/** Least privilege by default: a new account or token is an auditor until someone picks more. */
function RoleSelect(props: { id: string }) {
  return (
    <select id={props.id} name="role" required>
      {ROLES.map((r) => <option value={r} selected={r === 'auditor'}>{r}</option>)}
    </select>
  );
}

/** Accounts and API tokens (admin): create, list, disable, revoke. A new token is shown once, here. */
export function PeoplePage(props: { viewer: Viewer; users: User[]; tokens: ApiTokenInfo[]; error?: string; newToken?: { token: string; label: string }; signIn?: SignInSettings }) {
  const { viewer } = props;
  return (
    <Layout title="People & tokens" viewer={viewer} current="/admin/people">
      <h1>People &amp; tokens</h1>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.newToken && (
        <div class="token" role="status">
          <p>New token for <strong>{props.newToken.label}</strong>. Copy it now: it is not shown again.</p>
          <code>{props.newToken.token}</code>
        </div>
      )}
      <section aria-labelledby="accounts">
        <h2 id="accounts">Accounts</h2>
        <table class="stack-sm">
          <thead><tr><th>Username</th><th>Role</th><th>Created</th><th>State</th><th><span class="muted">Action</span></th></tr></thead>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <td data-label="Username">{u.username}</td>
                <td data-label="Role">{u.role}</td>
                <td data-label="Created">{when(u.createdAt)} by {u.createdBy}</td>
                <td data-label="State">{u.disabledAt ? `disabled ${when(u.disabledAt)}` : 'active'}</td>
                <td>
                  <form class="inline" method="post" action={`/admin/users/${u.id}/${u.disabledAt ? 'enable' : 'disable'}`}>
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="secondary" aria-label={`${u.disabledAt ? 'Enable' : 'Disable'} ${u.username}`}>{u.disabledAt ? 'Enable' : 'Disable'}</button>
                  </form>
                  <form class="inline" method="post" action={`/admin/users/${u.id}/unlock`}>
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="secondary" aria-label={`Unlock ${u.username}: sign in again now, failed attempts forgotten`}>Unlock</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>New account</h3>
        <form method="post" action="/admin/users" class="stack">
          <CsrfField viewer={viewer} />
          <div><label for="new-username">Username</label><input id="new-username" name="username" required maxlength={64} autocomplete="off" /></div>
          <div><label for="new-role">Role</label><RoleSelect id="new-role" /></div>
          <div><label for="new-password">Initial password (12 characters or more)</label><input id="new-password" name="password" type="password" required minlength={12} maxlength={256} autocomplete="new-password" /></div>
          <p><button type="submit">Create account</button></p>
        </form>
      </section>
      <section aria-labelledby="tokens">
        <h2 id="tokens">API tokens</h2>
        <table class="stack-sm">
          <thead><tr><th>Id</th><th>Label</th><th>Role</th><th>Created</th><th>State</th><th><span class="muted">Action</span></th></tr></thead>
          <tbody>
            {props.tokens.map((t) => (
              <tr>
                <td data-label="Id"><code>{t.id}</code></td>
                <td data-label="Label">{t.label}</td>
                <td data-label="Role">{t.role}</td>
                <td data-label="Created">{when(t.createdAt)}{t.createdBy ? ` by ${t.createdBy}` : ''}</td>
                <td data-label="State">{t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'live'}</td>
                <td>
                  {!t.revokedAt && (
                    <form class="inline" method="post" action={`/admin/tokens/${t.id}/revoke`}>
                      <CsrfField viewer={viewer} />
                      <button type="submit" class="danger" aria-label={`Revoke token ${t.label}`}>Revoke</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>New token</h3>
        <form method="post" action="/admin/tokens" class="stack">
          <CsrfField viewer={viewer} />
          <div><label for="token-label">What it is for</label><input id="token-label" name="label" required maxlength={128} /></div>
          <div><label for="token-role">Role</label><RoleSelect id="token-role" /></div>
          <p><button type="submit">Create token</button></p>
        </form>
      </section>
      {props.signIn && <SignInSection viewer={viewer} settings={props.signIn} />}
    </Layout>
  );
}
