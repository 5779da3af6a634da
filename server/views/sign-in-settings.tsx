import { CsrfField, type Viewer } from './layout';

export interface SignInSettings { identityProvider: boolean; localAccounts: boolean }

/** How people sign in and how employees' identities are established; an admin switches local accounts off here. */
export function SignInSection(props: { viewer: Viewer; settings: SignInSettings }) {
  const { identityProvider, localAccounts } = props.settings;
  return (
    <section aria-labelledby="sign-in">
      <h2 id="sign-in">Sign-in and identities</h2>
      {identityProvider ? (
        <p>People sign in through your company’s identity provider; devices enroll with an ID token from it, so each device’s employee is verified.</p>
      ) : (
        <p class="notice" role="note">
          <strong>Identities are not verified.</strong> No identity provider is configured (CRMGUARD_OIDC_ISSUER): devices enroll with the
          shared enrollment token and report as whatever e-mail their extension states. Anyone holding an extension build can enroll as anyone.
        </p>
      )}
      <p>Local accounts (username and password): <strong>{localAccounts ? 'allowed' : 'switched off'}</strong>.</p>
      {identityProvider && (
        <form method="post" action={`/admin/sign-in/local/${localAccounts ? 'disable' : 'enable'}`}>
          <CsrfField viewer={props.viewer} />
          <button type="submit">{localAccounts ? 'Switch local accounts off' : 'Allow local accounts again (break-glass)'}</button>
        </form>
      )}
    </section>
  );
}
