interface ImportMetaEnv {
  readonly CRMGUARD_SERVER_URL?: string;
  readonly CRMGUARD_ENROLLMENT_TOKEN?: string;
  readonly CRMGUARD_EMPLOYEE?: string;
  readonly CRMGUARD_OIDC_ISSUER?: string;
  readonly CRMGUARD_OIDC_EXTENSION_CLIENT_ID?: string;
}
