import { randomUUID } from 'node:crypto';
import type { TestProduct } from './product';

export const LEAVER = 'dana.leaver@acme.example';
export const STAYER = 'omar.stayer@acme.example';
/** Stored strings carrying markup: every page must show them as text. */
export const XSS = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';

export const PASSWORDS = { security: 'security-password-1', hr: 'hr-person-password-1', auditor: 'auditor-password-1' } as const;

function hex(n: number) {
  return Array.from({ length: n }, (_, i) => i.toString(16).padStart(16, '0'));
}

/**
 * A small deployment to walk: two employees (one exporting and mailing CRM contacts home, with markup in
 * the file name and justification), an HR resignation, a note with markup, and an account per role.
 */
export async function seedConsole(product: TestProduct) {
  const post = (route: string, body: unknown, token = product.adminToken) =>
    fetch(`${product.server.url}${route}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const enroll = async (employeeEmail: string) => {
    const response = await post('/v1/enroll', { enrollmentToken: product.enrollmentToken, employeeEmail, device: { name: 'e2e' } });
    return ((await response.json()) as { deviceToken: string }).deviceToken;
  };
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
  const contacts = hex(60);
  const base = { origin: 'https://acme.lightning.force.com' };
  const leaver = await enroll(LEAVER);
  const events = [
    { id: randomUUID(), type: 'crm.export', occurredAt: at(30), employee: LEAVER, ...base, crm: 'salesforce', route: 'download', fileName: `contacts ${XSS}.csv`, format: 'csv', sizeBytes: 9000, rows: 60, columns: 5, emailCount: 60, fingerprints: contacts },
    { id: randomUUID(), type: 'crm.copy', occurredAt: at(29), employee: LEAVER, ...base, crm: 'salesforce', action: 'copy', emailCount: 40, phoneCount: 40, rowCount: 41, charCount: 3000, fingerprints: contacts.slice(0, 40) },
    { id: randomUUID(), type: 'webmail.upload', occurredAt: at(28), employee: LEAVER, origin: 'https://mail.google.com', destination: 'gmail', channel: 'file_input', fileName: `clients ${XSS}.csv`, sizeBytes: 9000, mimeType: 'text/csv', emailCount: 60, justification: `for home ${XSS}`, fingerprints: contacts },
  ];
  const ingest = await fetch(`${product.server.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${leaver}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  if (!ingest.ok) throw new Error(`seed ingest: ${ingest.status} ${await ingest.text()}`);
  const stayer = await enroll(STAYER);
  await fetch(`${product.server.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${stayer}`, 'content-type': 'application/json' }, body: JSON.stringify({ events: [
    { id: randomUUID(), type: 'crm.copy', occurredAt: at(5), employee: STAYER, ...base, crm: 'salesforce', action: 'copy', emailCount: 6, phoneCount: 0, rowCount: 6, charCount: 300 },
  ] }) });
  await post('/v1/hr/signals', { employeeEmail: LEAVER, kind: 'resignation_notice', effectiveDate: at(24).slice(0, 10) });
  await post('/v1/hr/signals', { employeeEmail: LEAVER, kind: 'last_working_day', effectiveDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10) });
  for (const [role, password] of Object.entries(PASSWORDS)) await post('/v1/users', { username: role, role, password });
  const alerts = await product.api<{ id: string; pattern: string }[]>('/v1/alerts');
  const lineage = alerts.find((a) => a.pattern === 'crm_contacts_exfiltrated') ?? alerts[0]!;
  await post(`/v1/alerts/${lineage.id}/notes`, { body: `Checked with the manager ${XSS}` });
  const employees = await product.api<{ employee: string; pseudonym: string }[]>('/v1/employees');
  const pid = employees.find((e) => e.employee === LEAVER)!.pseudonym.replace('Employee ', '');
  return { alertId: lineage.id, pid };
}
