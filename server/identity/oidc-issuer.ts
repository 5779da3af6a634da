import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

/** What the issuer publishes at `/.well-known/openid-configuration` that we use. */
export interface IssuerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

/** Why a token was refused, in words an operator can act on; `code` goes into API errors and the audit log. */
export class IdTokenRejected extends Error {
  constructor(readonly code: 'token_expired' | 'wrong_audience' | 'wrong_issuer' | 'bad_signature' | 'unsupported_algorithm' | 'wrong_nonce' | 'malformed_token' | 'issuer_unreachable', message: string) {
    super(message);
  }
}

/**
 * Only asymmetric signatures: `none` is never a signature, and HS256 would let anyone holding the client
 * secret (the console) mint tokens for the extension's client.
 */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Clocks of the IdP and this server differ a little; a minute is what most libraries allow. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * One OpenID provider: its discovery document fetched once (again after a failure), its keys through
 * jose's remote JWK set (cached, refetched when a token names a key it has not seen: key rotation).
 */
export class OidcIssuer {
  private metadataPromise: Promise<IssuerMetadata> | undefined;
  private keys: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(readonly issuer: string) {}

  metadata(): Promise<IssuerMetadata> {
    return (this.metadataPromise ??= this.discover().catch((error: unknown) => {
      this.metadataPromise = undefined;
      throw error;
    }));
  }

  private async discover(): Promise<IssuerMetadata> {
    const url = `${this.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new IdTokenRejected('issuer_unreachable', `the issuer's discovery document ${url} answered ${response.status}`);
    const metadata = (await response.json()) as IssuerMetadata;
    // OpenID Connect Discovery 1.0 §4.3: the document must name exactly the issuer it was fetched for.
    if (metadata.issuer !== this.issuer) throw new IdTokenRejected('issuer_unreachable', `the discovery document at ${url} names the issuer ${metadata.issuer}, not ${this.issuer}`);
    return metadata;
  }

  /**
   * Checks an ID token's signature against the issuer's published keys, then `iss`, `aud` (and `azp` when
   * several audiences), `exp`/`iat` at `now`, and `nonce` when one was sent with the request.
   */
  async verifyIdToken(token: string, expected: { audience: string; nonce?: string; now: Date }): Promise<JWTPayload> {
    const metadata = await this.metadata().catch((error: unknown) => {
      throw error instanceof IdTokenRejected ? error : new IdTokenRejected('issuer_unreachable', `the issuer ${this.issuer} could not be reached: ${String(error)}`);
    });
    this.keys ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        audience: expected.audience,
        algorithms: ALGORITHMS,
        currentDate: expected.now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw rejection(error);
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (audiences.length > 1 && payload.azp !== expected.audience) throw new IdTokenRejected('wrong_audience', `the token was issued to ${String(payload.azp)}, not ${expected.audience}`);
    if (expected.nonce !== undefined && payload.nonce !== expected.nonce) throw new IdTokenRejected('wrong_nonce', 'the token does not carry the nonce of this sign-in');
    return payload;
  }
}

function rejection(error: unknown): IdTokenRejected {
  if (error instanceof errors.JWTExpired) return new IdTokenRejected('token_expired', 'the ID token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new IdTokenRejected('wrong_audience', 'the ID token was issued to another client');
    if (error.claim === 'iss') return new IdTokenRejected('wrong_issuer', 'the ID token comes from another issuer');
    return new IdTokenRejected('malformed_token', `the ID token's ${error.claim} claim is not acceptable: ${error.reason}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new IdTokenRejected('unsupported_algorithm', 'the ID token is not signed with an accepted algorithm (unsigned tokens are refused)');
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return new IdTokenRejected('bad_signature', 'the ID token is not signed by a key of the issuer');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return new IdTokenRejected('issuer_unreachable', `the issuer's keys could not be read: ${error.message}`);
  return new IdTokenRejected('malformed_token', `the ID token could not be read: ${error instanceof Error ? error.message : String(error)}`);
}
