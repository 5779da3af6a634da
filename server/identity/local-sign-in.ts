import { recordAudit } from '../audit/audit';
import { ApiError } from '../http/errors';
import type { Services } from '../env';

const SETTING = 'local_sign_in';

/**
 * Local accounts (username and password) are the break-glass way in when the identity provider is down.
 * An admin can switch them off once people sign in through the IdP; API tokens keep working for automation.
 */
export async function localSignInEnabled(services: Services): Promise<boolean> {
  return (await services.store.getSetting(SETTING)) !== 'off';
}

export async function setLocalSignIn(services: Services, actor: string, enabled: boolean): Promise<void> {
  if (!enabled && !services.identity.oidc) {
    throw new ApiError(409, 'no_identity_provider', 'local accounts are the only way to sign in without an identity provider (CRMGUARD_OIDC_ISSUER); they cannot be switched off');
  }
  await services.store.setSetting(SETTING, enabled ? 'on' : 'off');
  await recordAudit(services, actor, enabled ? 'sign_in.local_enabled' : 'sign_in.local_disabled', 'settings');
}

/** What the People page and `GET /v1/settings/sign-in` show. */
export async function signInSettings(services: Services) {
  return { identityProvider: Boolean(services.oidcIssuer), localAccounts: await localSignInEnabled(services) };
}
