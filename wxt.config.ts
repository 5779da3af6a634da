import { defineConfig } from 'wxt';
import { EXTENSION_PUBLIC_KEY, GECKO_ID } from './shared/extension-key';

/**
 * The manifest is generated from here and from each entrypoint's options.
 * Build-time configuration (the contract's CRMGUARD_* variables) is injected as
 * `import.meta.env.CRMGUARD_*`; the options page and managed policy override it.
 */
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  // Tests build copies configured for their own server into a folder of their own.
  outDir: process.env.CRMGUARD_OUT_DIR ?? '.output',
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'crm-guard',
    // A stable id for enterprise policies (shared/extension-key.ts); Firefox takes its id from gecko settings.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: GECKO_ID } } } : { key: EXTENSION_PUBLIC_KEY }),
    description: 'Notices bulk exports of client data from your CRM and uploads of it to personal destinations. Your employer runs this extension; see what it reports in its popup.',
    // Firefox has no identity.email (no signed-in browser profile to read); it would only warn at install.
    // webRequest only observes response headers (an export's Content-Disposition name); it changes nothing.
    permissions: ['storage', 'alarms', 'downloads', 'scripting', 'identity', ...(browser === 'firefox' ? [] : ['identity.email']), 'tabs', 'webRequest'],
    // Content scripts are registered at run time for the policy's origins only;
    // a policy may add any CRM origin, so the host permission has to be broad.
    host_permissions: ['<all_urls>'],
    storage: { managed_schema: 'managed_schema.json' },
  }),
  vite: () => ({
    build: {
      rollupOptions: {
        // zod ships comments Rollup cannot place; the warning is about their code, not ours.
        onwarn(warning, warn) {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
      },
    },
    define: {
      'import.meta.env.CRMGUARD_SERVER_URL': JSON.stringify(process.env.CRMGUARD_SERVER_URL ?? ''),
      'import.meta.env.CRMGUARD_ENROLLMENT_TOKEN': JSON.stringify(process.env.CRMGUARD_ENROLLMENT_TOKEN ?? ''),
      'import.meta.env.CRMGUARD_EMPLOYEE': JSON.stringify(process.env.CRMGUARD_EMPLOYEE ?? ''),
      'import.meta.env.CRMGUARD_OIDC_ISSUER': JSON.stringify(process.env.CRMGUARD_OIDC_ISSUER ?? ''),
      'import.meta.env.CRMGUARD_OIDC_EXTENSION_CLIENT_ID': JSON.stringify(process.env.CRMGUARD_OIDC_EXTENSION_CLIENT_ID ?? ''),
    },
  }),
});
