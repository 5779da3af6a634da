import type { Child } from 'hono/jsx';

const STYLE = `
:root { color-scheme: light; --ink:#1d2433; --muted:#5b6475; --line:#dde2ea; --bg:#f6f7f9; --accent:#1f5fbf;
  --low:#2e7d32; --medium:#b26a00; --high:#c2410c; --critical:#b91c1c; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
header { display:flex; align-items:center; justify-content:space-between; padding:12px 24px; background:#fff; border-bottom:1px solid var(--line); }
header strong { font-size:17px; }
main { max-width:1200px; margin:0 auto; padding:24px; display:grid; gap:24px; }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px; overflow-x:auto; }
h1 { font-size:20px; margin:0 0 4px; } h2 { font-size:16px; margin:0 0 12px; }
table { border-collapse:collapse; width:100%; } th, td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
.level { display:inline-block; padding:2px 8px; border-radius:999px; color:#fff; font-size:12px; font-weight:600; }
.level-low { background:var(--low); } .level-medium { background:var(--medium); } .level-high { background:var(--high); } .level-critical { background:var(--critical); }
.muted { color:var(--muted); } .note { font-size:13px; color:var(--muted); margin:0; }
ul.factors { margin:0; padding-left:18px; } ul.factors li { margin:2px 0; }
form.inline { display:inline; } button { font:inherit; padding:6px 14px; border-radius:6px; border:1px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; }
button.link { background:none; color:var(--accent); border:none; padding:0; }
label { display:block; font-weight:600; margin-bottom:4px; } input { font:inherit; padding:8px; width:100%; border:1px solid var(--line); border-radius:6px; }
.login { max-width:420px; margin:64px auto; } .error { color:var(--critical); }
@media (max-width: 700px) { main { padding:12px; } th, td { padding:6px; } }
`;

export function Layout(props: { title: string; signedIn?: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · crm-guard</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header>
          <strong>crm-guard</strong>
          {props.signedIn && (
            <form class="inline" method="post" action="/logout">
              <span class="muted">{props.signedIn} · </span>
              <button class="link" type="submit">Sign out</button>
            </form>
          )}
        </header>
        {props.children}
      </body>
    </html>
  );
}
