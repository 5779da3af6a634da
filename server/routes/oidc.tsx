import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { recordAudit } from '../audit/audit';
import { startSession } from '../auth/sign-in';
import { isHttpsRequest } from '../http/forwarded';
import { authorizationUrl, emailOf, newPendingSignIn, oidcSubject, redeemCode, roleFromClaims, type PendingSignIn } from '../identity/console-oidc';
import { IdTokenRejected } from '../identity/oidc-issuer';
import { ContinuePage, SignInRefusedPage } from '../views/oidc-pages';
import type { AppEnv } from '../env';

/** Between leaving for the IdP and its redirect back; Lax, because that redirect is a cross-site navigation. */
const PENDING_COOKIE = 'crmguard_oidc';
const PENDING_PATH = '/auth/oidc';

function readPending(c: Context<AppEnv>): PendingSignIn | undefined {
  try {
    const value = JSON.parse(Buffer.from(getCookie(c, PENDING_COOKIE) ?? '', 'base64url').toString()) as Partial<PendingSignIn>;
    return value.state && value.nonce && value.verifier ? (value as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

function refused(c: Context<AppEnv>, status: 400 | 403 | 502, title: string, message: string, detail?: string) {
  return c.html(<SignInRefusedPage title={title} message={message} detail={detail} />, status);
}

/** Console sign-in through the company's OpenID provider (authorization code flow with PKCE, state and nonce). */
export const oidcRoutes = new Hono<AppEnv>()
  .get('/auth/oidc/login', async (c) => {
    if (!c.var.services.oidcIssuer) return refused(c, 400, 'Sign-in unavailable', 'This crm-guard has no identity provider configured (CRMGUARD_OIDC_ISSUER).');
    const pending = newPendingSignIn();
    setCookie(c, PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      httpOnly: true, sameSite: 'Lax', path: PENDING_PATH, maxAge: 600, secure: isHttpsRequest(c),
    });
    return c.redirect(await authorizationUrl(c.var.services, pending), 302);
  })
  .get('/auth/oidc/callback', async (c) => {
    const services = c.var.services;
    const oidc = services.identity.oidc;
    if (!oidc) return refused(c, 400, 'Sign-in unavailable', 'This crm-guard has no identity provider configured.');
    const pending = readPending(c);
    deleteCookie(c, PENDING_COOKIE, { path: PENDING_PATH });
    const query = c.req.query();
    if (query.error) return refused(c, 403, 'Sign-in was not completed', `The identity provider answered: ${query.error_description ?? query.error}.`);
    // A callback this browser did not start (login CSRF) or one replayed: no pending state, or another one.
    if (!pending || !query.state || query.state !== pending.state || !query.code) {
      return refused(c, 400, 'Sign-in expired', 'This sign-in did not start in this browser or took too long. Start again.');
    }
    let claims;
    try {
      claims = await redeemCode(services, query.code, pending);
    } catch (error) {
      if (!(error instanceof IdTokenRejected)) throw error;
      return refused(c, 502, 'Sign-in failed', 'The identity provider’s answer could not be verified.', error.message);
    }
    const email = emailOf(claims);
    if (!email) return refused(c, 403, 'Sign-in refused', 'Your identity provider did not say your e-mail address (the `email` scope).');
    const subject = oidcSubject(email);
    const provisioned = (await services.store.listScimUsers({ userName: email, offset: 0, limit: 1 })).users[0];
    if (provisioned && !provisioned.active) {
      await recordAudit(services, subject, 'sign_in.refused', 'console', { method: 'oidc', reason: 'deactivated' });
      return refused(c, 403, 'Sign-in refused', `The account ${email} has been deactivated by your identity provider.`);
    }
    const role = roleFromClaims(oidc, claims);
    if (!role) {
      await recordAudit(services, subject, 'sign_in.refused', 'console', { method: 'oidc', reason: 'no_role' });
      const groups = [...oidc.roles.keys()].join(', ');
      return refused(c, 403, 'No access to crm-guard', `You are signed in at your identity provider as ${email}, but none of your groups gives a role in crm-guard.`,
        `Ask your administrator to add you to one of: ${groups || '(no groups are mapped: CRMGUARD_OIDC_ROLES is empty)'}.`);
    }
    await startSession(c, { role, subject });
    await recordAudit(services, subject, 'sign_in', 'console', { method: 'oidc', role, issuer: claims.iss });
    return c.html(<ContinuePage to="/" />);
  });
