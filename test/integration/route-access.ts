/**
 * Who may call each route of the app: the expected half of the role matrix (route-matrix.test.ts).
 * Every route the Hono app registers must have a row here, or the matrix test fails: a new route is
 * never reachable by accident. `public` routes answer anyone; otherwise the roles listed (and the
 * extension's device token where `device` is set) get through, everyone else gets 401/403 (API) or the
 * sign-in page / a 403 page (console pages).
 */
export type Principal = 'anonymous' | 'device' | 'admin' | 'security' | 'hr' | 'auditor';
export type Role = Exclude<Principal, 'anonymous' | 'device'>;

export interface Access {
  public?: true;
  roles?: Role[];
  device?: true;
  /** A console page (HTML): denials are redirects to /login or a 403 page. */
  page?: true;
}

const ALL: Role[] = ['admin', 'security', 'hr', 'auditor'];

export const ROUTE_ACCESS: Record<string, Access> = {
  'GET /healthz': { public: true },
  'GET /v1/openapi.json': { public: true },
  'GET /metrics': { roles: ['admin'] },
  'POST /v1/enroll': { public: true },
  'POST /v1/events': { device: true },
  'GET /v1/events': { roles: ['admin', 'security'] },
  'GET /v1/policy': { roles: ALL, device: true },
  'PUT /v1/policy': { roles: ['admin'] },
  'POST /v1/policy/preview': { roles: ['admin', 'security'] },
  'POST /v1/policy/salt-rotation': { roles: ['admin'] },
  'GET /v1/change-windows': { roles: ['admin', 'security'] },
  'POST /v1/change-windows': { roles: ['admin'] },
  'GET /v1/employees': { roles: ['admin', 'security', 'hr'] },
  'GET /v1/employees/:email': { roles: ['admin', 'security', 'hr'] },
  'GET /v1/alerts': { roles: ['admin', 'security'] },
  'PATCH /v1/alerts/:id': { roles: ['admin', 'security'] },
  'GET /v1/alerts/:id': { roles: ['admin', 'security'] },
  'GET /v1/alerts/effectiveness': { roles: ['admin', 'security'] },
  'POST /v1/alerts/dismiss': { roles: ['admin', 'security'] },
  'POST /v1/alerts/bulk': { roles: ['admin', 'security'] },
  'POST /v1/alerts/:id/notes': { roles: ['admin', 'security'] },
  'POST /v1/hr/signals': { roles: ['admin', 'hr'] },
  'POST /v1/hr/signals/import': { roles: ['admin', 'hr'] },
  'PUT /v1/hr/directory': { roles: ['admin', 'hr'] },
  'GET /v1/users': { roles: ['admin'] },
  'POST /v1/users': { roles: ['admin'] },
  'PATCH /v1/users/:id': { roles: ['admin'] },
  'GET /v1/tokens': { roles: ['admin'] },
  'POST /v1/tokens': { roles: ['admin'] },
  'DELETE /v1/tokens/:id': { roles: ['admin'] },
  'GET /v1/audit': { roles: ['admin', 'auditor'] },
  'GET /v1/audit/verify': { roles: ['admin', 'auditor'] },
  'GET /v1/devices': { roles: ['admin', 'security'] },
  // The uninstall page is opened by the browser itself; it needs the device's proof, not a role.
  'GET /v1/devices/:id/uninstalled': { public: true },
  // An employee's own data (GDPR art. 15): their device token proves who they are.
  'GET /v1/me/data': { device: true },
  'GET /v1/integrations': { roles: ['admin'] },
  'PUT /v1/integrations': { roles: ['admin'] },
  'GET /v1/dead-letters': { roles: ['admin', 'security'] },
  'POST /v1/dead-letters/retry': { roles: ['admin', 'security'] },
  'GET /assets/console.css': { public: true },
  'GET /assets/console.js': { public: true },
  'GET /login': { public: true, page: true },
  'POST /login': { public: true, page: true },
  'POST /logout': { roles: ALL, page: true },
  'GET /': { roles: ALL, page: true },
  'GET /alerts': { roles: ['admin', 'security'], page: true },
  'GET /alerts.csv': { roles: ['admin', 'security'], page: true },
  'POST /alerts/dismiss': { roles: ['admin', 'security'], page: true },
  'POST /alerts/bulk': { roles: ['admin', 'security'], page: true },
  'POST /alerts/:id/reveal': { roles: ['admin', 'security'], page: true },
  'GET /alerts/:id': { roles: ['admin', 'security'], page: true },
  'POST /alerts/:id/status': { roles: ['admin', 'security'], page: true },
  'POST /alerts/:id/assign': { roles: ['admin', 'security'], page: true },
  'POST /alerts/:id/notes': { roles: ['admin', 'security'], page: true },
  'GET /employees': { roles: ['admin', 'security', 'hr'], page: true },
  'GET /employees.csv': { roles: ['admin', 'security', 'hr'], page: true },
  'GET /employees/find': { roles: ['admin', 'security', 'hr'], page: true },
  'GET /watchlist': { roles: ['admin', 'security', 'hr'], page: true },
  'GET /devices': { roles: ['admin', 'security'], page: true },
  'GET /activity': { roles: ['admin', 'security'], page: true },
  'GET /account': { roles: ['admin', 'security', 'hr', 'auditor'], page: true },
  'POST /account/password': { roles: ['admin', 'security', 'hr', 'auditor'], page: true },
  'POST /employees/find': { roles: ['admin', 'security', 'hr'], page: true },
  'GET /employees/:pid': { roles: ['admin', 'security', 'hr'], page: true },
  'POST /employees/:pid/handover': { roles: ['admin', 'security', 'hr'], page: true },
  'POST /employees/:pid/reveal': { roles: ['admin', 'security', 'hr'], page: true },
  'GET /hr': { roles: ['admin', 'hr'], page: true },
  'POST /hr/signals': { roles: ['admin', 'hr'], page: true },
  'POST /hr/import': { roles: ['admin', 'hr'], page: true },
  'GET /policy': { roles: ['admin'], page: true },
  'POST /policy': { roles: ['admin'], page: true },
  'POST /policy/salt-rotation': { roles: ['admin'], page: true },
  'GET /audit': { roles: ['admin', 'auditor'], page: true },
  'GET /dead-letters': { roles: ['admin', 'security'], page: true },
  'POST /dead-letters/retry': { roles: ['admin', 'security'], page: true },
  'GET /admin/people': { roles: ['admin'], page: true },
  'POST /admin/users': { roles: ['admin'], page: true },
  'POST /admin/users/:id/:change{disable|enable}': { roles: ['admin'], page: true },
  'POST /admin/tokens': { roles: ['admin'], page: true },
  'POST /admin/tokens/:id/revoke': { roles: ['admin'], page: true },
  // The identity provider's sign-in: anyone may start it; the callback checks state, nonce and the ID token.
  'GET /auth/oidc/login': { public: true, page: true },
  'GET /auth/oidc/callback': { public: true, page: true },
  'GET /v1/settings/sign-in': { roles: ['admin'] },
  'PUT /v1/settings/sign-in': { roles: ['admin'] },
  'POST /admin/sign-in/local/:change{enable|disable}': { roles: ['admin'], page: true },
  'POST /v1/users/:id/unlock': { roles: ['admin'] },
  'POST /admin/users/:id/unlock': { roles: ['admin'], page: true },
  // SCIM answers only its own bearer token (CRMGUARD_SCIM_TOKEN), never a console role or a device.
  'GET /scim/v2/ServiceProviderConfig': { roles: [] },
  'GET /scim/v2/ResourceTypes': { roles: [] },
  'GET /scim/v2/Schemas': { roles: [] },
  'GET /scim/v2/Schemas/:id': { roles: [] },
  'GET /scim/v2/ResourceTypes/:id': { roles: [] },
  'GET /scim/v2/Users': { roles: [] },
  'GET /scim/v2/Users/:id': { roles: [] },
  'POST /scim/v2/Users': { roles: [] },
  'PUT /scim/v2/Users/:id': { roles: [] },
  'PATCH /scim/v2/Users/:id': { roles: [] },
  'DELETE /scim/v2/Users/:id': { roles: [] },
  'GET /admin/change-windows': { roles: ['admin', 'security'], page: true },
  'POST /admin/change-windows': { roles: ['admin'], page: true },
};
