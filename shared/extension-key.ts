/**
 * The extension's public key (manifest `key`): it fixes the extension id, so enterprise policies
 * (ExtensionSettings, 3rdparty configuration, Firefox policies.json) can name it before it is installed.
 * The private key that signs packed builds is kept by whoever releases them, never in the repository.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuwrf7Zf17DGVx52m4T+m6uweayi+ha1fp0QITo7BQ6zKQWLILBnQI7kg8rqoJwk4dQLhtetQcelf0dm1On+Fdwky0tYlS8YjVqaj6PfeD/bJx6m+gjyvx6LLDAdj9KIwKNwAwyDB/LzFjSrWprD+17FxoESFptE37gZ/l++VjXjTZu9f6nZQ9xEbBkQPX9TN6gcW/dP/drcQVVKOyCYfR0V0Ng95XQKu5mW31m7ji0djY3oCZ5vwq2m8uc+a326WLc061C0PKseYl1Eoxh8Tkd//rn2O1xHmHEmCTu+TT34a27m3HvT6ME+vlTWAx2FPSGxQnzzU3EF90QB6BaALSwIDAQAB';

/** The id Chromium derives from the key: the first 128 bits of SHA-256 of the key, hex digits 0–f written a–p. */
export const EXTENSION_ID = 'pobfndigoedpdholhkgogmajcicgheml';

/** Firefox identifies extensions by `browser_specific_settings.gecko.id`. */
export const GECKO_ID = 'crm-guard@crm-guard.dev';
