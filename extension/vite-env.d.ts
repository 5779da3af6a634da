interface ImportMetaEnv {
  readonly CRMGUARD_SERVER_URL?: string;
  readonly CRMGUARD_ENROLLMENT_TOKEN?: string;
  readonly CRMGUARD_EMPLOYEE?: string;
}
