import { recordAudit } from '../audit/audit';
import { oidcSubject } from '../identity/console-oidc';
import { pseudonym } from '../people/pseudonyms';
import { recordHrSignals } from '../people/hr-signals';
import type { Services } from '../env';
import type { ScimUserRecord } from '../store/identities';
import { directoryFacts, employeeEmail } from './scim-users';

const ACTOR = 'scim';

/**
 * What a provisioning change means for crm-guard: the HR directory follows the IdP (department, title,
 * manager, hire date); an account going from active to inactive (or deleted) is a `termination` effective that day
 * and ends the person's console sessions; a reactivation is written to the audit log.
 */
export async function applyProvisioning(services: Services, before: ScimUserRecord | undefined, after: ScimUserRecord | undefined) {
  const current = after ?? before;
  if (!current) return;
  const email = employeeEmail(current);
  if (!email) return;
  const target = pseudonym(await services.pseudonymKey(), email);
  if (after) await updateDirectory(services, email, after, before);
  const wasActive = before !== undefined && before.active;
  const isActive = after !== undefined && after.active;
  if (wasActive && !isActive) {
    const effectiveDate = services.now().toISOString().slice(0, 10);
    await recordHrSignals(services, [{ employeeEmail: email, kind: 'termination', effectiveDate }], [], 'scim');
    const sessionsEnded = await services.store.deleteSessionsOf(oidcSubject(email));
    await recordAudit(services, ACTOR, after ? 'scim.user_deactivated' : 'scim.user_deleted', target, { scimId: current.id, effectiveDate, sessionsEnded });
  } else if (before && !before.active && isActive) {
    await recordAudit(services, ACTOR, 'scim.user_reactivated', target, { scimId: current.id });
  } else if (!before && after) {
    await recordAudit(services, ACTOR, 'scim.user_created', target, { scimId: after.id, active: after.active });
  }
}

async function updateDirectory(services: Services, email: string, user: ScimUserRecord, before: ScimUserRecord | undefined) {
  const { department, jobTitle: title, managerRef, hiredOn: hired } = directoryFacts(user);
  if (!department) return;
  // A fact the IdP held and no longer does is cleared; one it never sent keeps what the HR import gave.
  const was = before ? directoryFacts(before) : {};
  const [jobTitle, hiredOn] = [title ?? (was.jobTitle ? null : undefined), hired ?? (was.hiredOn ? null : undefined)];
  const manager = managerRef && (managerRef.includes('@') ? managerRef.toLowerCase() : await managerEmail(services, managerRef));
  // The cached peers take it up within their refresh: an IdP's provisioning cycle sends thousands of these.
  await services.store.setDirectory([{ employee: email, department, jobTitle, manager, hiredOn }], services.now().toISOString());
}

/** The enterprise extension names the manager by their SCIM id; the directory by e-mail. */
async function managerEmail(services: Services, scimId: string): Promise<string | undefined> {
  const manager = await services.store.scimUser(scimId);
  return manager && employeeEmail(manager);
}
