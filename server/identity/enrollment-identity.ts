import type { IdTokenEnrollRequest, TokenEnrollRequest } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import { ApiError } from '../http/errors';
import { hashToken, sameSecret } from '../auth/secrets';
import { pseudonym } from '../people/pseudonyms';
import type { Services } from '../env';
import type { DeviceRecord } from '../store/devices';
import type { DeviceIdentity } from '../store/identities';
import { IdTokenRejected } from './oidc-issuer';

/** Who a new device belongs to, and how we know. */
export type EnrollingEmployee = Omit<DeviceIdentity, 'deviceId' | 'verifiedAt'>;

/**
 * An ID token the extension obtained from the company's issuer for its own client: signature, issuer,
 * audience and expiry checked; the e-mail must be verified by the issuer and in an employee domain.
 */
export async function employeeFromIdToken(services: Services, body: IdTokenEnrollRequest): Promise<EnrollingEmployee> {
  const oidc = services.identity.oidc;
  if (!oidc?.extensionClientId || !services.oidcIssuer) {
    throw new ApiError(400, 'oidc_not_configured', 'this server has no identity provider for enrollment (CRMGUARD_OIDC_ISSUER and CRMGUARD_OIDC_EXTENSION_CLIENT_ID); enroll with the enrollment token');
  }
  let claims;
  try {
    claims = await services.oidcIssuer.verifyIdToken(body.idToken, { audience: oidc.extensionClientId, now: services.now() });
  } catch (error) {
    if (!(error instanceof IdTokenRejected)) throw error;
    if (error.code === 'issuer_unreachable') throw new ApiError(503, 'issuer_unreachable', error.message);
    throw new ApiError(401, 'invalid_id_token', error.message, { reason: error.code });
  }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new ApiError(401, 'invalid_id_token', 'the ID token carries no e-mail address (request the `email` scope)', { reason: 'no_email' });
  // The IdP says the address is the person's; a self-asserted, unverified address proves nothing. Entra ID
  // sends no email_verified; its optional claim xms_edov says the e-mail's domain owner is verified.
  if (claims.email_verified !== true && claims.xms_edov !== true && claims.xms_edov !== '1' && claims.xms_edov !== 'true') throw new ApiError(401, 'email_not_verified', `the identity provider has not verified ${email}`);
  const identity = { method: 'oidc' as const, email, issuer: String(claims.iss), subject: String(claims.sub), tokenHash: hashToken(body.idToken) };
  const domain = email.split('@')[1]!;
  if (services.employeeDomains.length > 0 && !services.employeeDomains.includes(domain)) {
    // A genuine account of another domain (a contractor's, a personal one) trying to enroll: worth a look.
    await recordAudit(services, `idp:${identity.subject}`, 'device.enroll_refused', await targetOf(services, email), { reason: 'domain_not_allowed', domain, issuer: identity.issuer });
    throw new ApiError(403, 'domain_not_allowed', `${domain} is not one of this deployment's employee domains`);
  }
  return identity;
}

/** The shared enrollment token and a stated e-mail: refused when an identity provider is configured, unless allowed. */
export function employeeFromEnrollmentToken(services: Services, body: TokenEnrollRequest): EnrollingEmployee {
  if (services.identity.oidc && !services.identity.allowTokenEnrollment) {
    throw new ApiError(401, 'identity_required', 'this deployment enrolls devices with a verified identity: send {idToken, device}; the enrollment token alone is refused (CRMGUARD_ALLOW_TOKEN_ENROLLMENT=1 allows it)');
  }
  if (!sameSecret(body.enrollmentToken, services.secrets.enrollmentToken)) {
    throw new ApiError(401, 'invalid_enrollment_token', 'the enrollment token is not this deployment’s');
  }
  const email = body.employeeEmail.toLowerCase();
  const domain = email.split('@')[1]!;
  if (services.employeeDomains.length > 0 && !services.employeeDomains.includes(domain)) {
    throw new ApiError(403, 'domain_not_allowed', `${domain} is not one of this deployment's employee domains`);
  }
  return { method: 'enrollment_token', email, issuer: null, subject: null };
}

/**
 * Writes what an enrollment tells the security team: every enrollment and how it was verified; a second
 * live device of the same person; and a browser that was enrolled as someone else before (it presented
 * its previous device token).
 */
export async function auditEnrollment(services: Services, device: DeviceRecord, identity: EnrollingEmployee, earlierDevices: readonly DeviceRecord[], previous: DeviceRecord | undefined) {
  const actor = `device:${device.id}`;
  const target = await targetOf(services, identity.email);
  await recordAudit(services, actor, 'device.enroll', target, { deviceId: device.id, method: identity.method, issuer: identity.issuer });
  const others = earlierDevices.filter((d) => d.id !== device.id && d.id !== previous?.id && !d.uninstalledAt);
  if (others.length > 0) {
    await recordAudit(services, actor, 'device.second_device', target, { deviceId: device.id, otherDevices: others.map((d) => d.id) });
  }
  if (previous && previous.employee !== identity.email) {
    await recordAudit(services, actor, 'device.identity_change', target, {
      deviceId: device.id, previousDeviceId: previous.id, previousEmployee: await targetOf(services, previous.employee), method: identity.method,
    });
  }
}

async function targetOf(services: Services, email: string) {
  return pseudonym(await services.pseudonymKey(), email);
}
