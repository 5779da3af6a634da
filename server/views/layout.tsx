import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../auth/auth';
import type { Role } from '../store/store';

/** Who is signed in, as the pages need it: their role, their name and the CSRF token their forms carry. */
export interface Viewer {
  role: Role;
  subject: string;
  csrf: string;
}

const NAV: { href: string; label: string; roles: Role[] }[] = [
  { href: '/', label: 'Overview', roles: ['admin', 'security', 'hr', 'auditor'] },
  { href: '/alerts', label: 'Alerts', roles: ['admin', 'security'] },
  { href: '/employees', label: 'Employees', roles: ['admin', 'security', 'hr'] },
  { href: '/activity', label: 'Activity', roles: ['admin', 'security'] },
  { href: '/watchlist', label: 'Departing', roles: ['admin', 'security', 'hr'] },
  { href: '/devices', label: 'Devices', roles: ['admin', 'security'] },
  { href: '/hr', label: 'HR signals', roles: ['admin', 'hr'] },
  { href: '/policy', label: 'Policy', roles: ['admin'] },
  { href: '/admin/change-windows', label: 'Change windows', roles: ['admin', 'security'] },
  { href: '/audit', label: 'Audit log', roles: ['admin', 'auditor'] },
  { href: '/dead-letters', label: 'Dead letters', roles: ['admin', 'security'] },
  { href: '/admin/people', label: 'People & tokens', roles: ['admin'] },
];

/** Every form that changes something carries this; see `assertNotForged` in server/auth.ts. */
export function CsrfField(props: { viewer: Viewer }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrf} />;
}

export function Layout(props: { title: string; viewer?: Viewer; current?: string; children: Child }) {
  const viewer = props.viewer;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · crm-guard</title>
        <link rel="stylesheet" href="/assets/console.css" />
        <script src="/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#content">Skip to content</a>
        <header class="top">
          <strong>crm-guard</strong>
          {viewer && (
            <nav class="main" aria-label="Main">
              <ul>
                {NAV.filter((n) => n.roles.includes(viewer.role)).map((n) => (
                  <li><a href={n.href} aria-current={props.current === n.href ? 'page' : undefined}>{n.label}</a></li>
                ))}
              </ul>
            </nav>
          )}
          {viewer && (
            <form class="who" method="post" action="/logout">
              <CsrfField viewer={viewer} />
              <span class="muted">{viewer.subject.replace(/^user:/, '')} · {viewer.role}</span>
              <a href="/account">Account</a>
              <button class="link" type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="content">{props.children}</main>
      </body>
    </html>
  );
}

/** The page a signed-in person sees for a page their role does not include. */
export function ForbiddenPage(props: { viewer: Viewer; roles: Role[] }) {
  return (
    <Layout title="Not for your role" viewer={props.viewer}>
      <section>
        <h1>Not for your role</h1>
        <p>This page is for {props.roles.join(', ')}. You are signed in as {props.viewer.role}.</p>
      </section>
    </Layout>
  );
}

export function when(iso: string) {
  return iso.replace('T', ' ').slice(0, 16) + ' UTC';
}
