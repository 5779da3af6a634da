import { Layout } from './layout';

/**
 * After the IdP's redirect the navigation counts as cross-site, so a SameSite=Strict session cookie would
 * not ride on a redirect to `/`; a same-origin refresh from this page does carry it.
 */
export function ContinuePage(props: { to: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="refresh" content={`0;url=${props.to}`} />
        <title>Signed in · crm-guard</title>
        <link rel="stylesheet" href="/assets/console.css" />
      </head>
      <body>
        <main id="content"><p>Signed in. <a href={props.to}>Continue to crm-guard</a>.</p></main>
      </body>
    </html>
  );
}

/** The IdP knows the person, but crm-guard gives them nothing (no mapped group), or the sign-in failed. */
export function SignInRefusedPage(props: { title: string; message: string; detail?: string }) {
  return (
    <Layout title={props.title}>
      <section class="login">
        <h1>{props.title}</h1>
        <p class="error" role="alert">{props.message}</p>
        {props.detail && <p class="note">{props.detail}</p>}
        <p><a href="/login">Back to sign-in</a></p>
      </section>
    </Layout>
  );
}
