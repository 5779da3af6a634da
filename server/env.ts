import type { PseudonymIndex } from './people/pseudonym-index';
import type { IngestScoring } from './scoring/ingest-scoring';
import type { Metrics } from './metrics';
import type { AuditCheckpointer } from './audit/checkpointer';
import type { RateLimiter } from './http/rate-limit';
import type { Store, Role } from './store/store';
import type { DeviceRecord } from './store/devices';
import type { DeploymentKeys } from './auth/deployment-keys';
import type { IdentityConfig } from './identity/identity-config';
import type { OidcIssuer } from './identity/oidc-issuer';

/** What every request can reach: set once in `createApp`, read by routes through `c.var`. */
export interface Services {
  store: Store;
  secrets: DeploymentSecrets;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
  metrics: Metrics;
  /** E-mail domains allowed to enroll; empty means any. */
  employeeDomains: string[];
  /** Whether ingest rescores the employees it touched. */
  incrementalScoring: boolean;
  /** Rescoring on ingest, coalesced per employee; `settle()` before reading scores right after a burst. */
  ingestScoring: IngestScoring;
  /** Enrollment attempts per client address and per presented enrollment token. */
  enrollLimits: { byAddress: RateLimiter; byToken: RateLimiter };
  /** Signs and keeps the audit chain's checkpoints (server/audit/checkpointer.ts). */
  auditCheckpoints: AuditCheckpointer;
  /** OpenID Connect, SCIM and trusted proxies (server/identity/identity-config.ts). */
  identity: IdentityConfig;
  /** The company's OpenID provider, when `identity.oidc` is set. */
  oidcIssuer?: OidcIssuer;
  /** The secret behind employees' pseudonyms (kept in the database, created on first use). */
  pseudonymKey: () => Promise<string>;
  /** Who is behind a pseudonym (server/people/pseudonym-index.ts). */
  pseudonyms: PseudonymIndex;
}

export interface DeploymentSecrets extends DeploymentKeys {
  enrollmentToken: string;
  fingerprintSalt: string;
}

export interface AppEnv {
  Variables: {
    services: Services;
    device: DeviceRecord;
    /** Who is asking; `csrf` is the token their forms carry (empty for bearer tokens). */
    person: { role: Role; subject: string; csrf: string };
    /** This answer shows a name a pseudonymised role asked to reveal (audited with a reason): server/people/pseudonym-guard.ts lets it through. */
    revealed: boolean;
    /** This request already wrote its audit record about the people it shows. */
    audited: boolean;
  };
}
