// Configuration of tokens and credentials (spec/identities.md, "Configuration"). Plain JSON, so it
// travels in state snapshots like the rest of the config.
import type { SigningKey } from "./tokens.js";

/**
 * A JSON Web Key (RFC 7517, RFC 7518): an RSA key (`n`, `e`) or an EC key (`crv`, `x`, `y`), with
 * the private members (`d`, and `p`, `q`, `dp`, `dq`, `qi` for RSA) when it signs. The package's
 * own type rather than node:crypto's, whose shape and place differ between @types/node versions.
 */
export interface Jwk {
  kty?: string;
  kid?: string;
  alg?: string;
  use?: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  [member: string]: unknown;
}

export interface Jwks {
  keys: Jwk[];
}

export interface TokenConfig {
  /** OIDC-5: lifetime of a GetOpenIdToken token. Source: "The OpenID token is valid for 10 minutes." (service model). */
  openIdTokenSeconds: number;
  /** CRED-10: lifetime of credentials. Source: STS credentials are "valid for a maximum of one hour" (service model). */
  credentialsSeconds: number;
  /**
   * DEV-8: lifetime of a GetOpenIdTokenForDeveloperIdentity token sent without `TokenDuration`.
   * Source: TokenDuration documentation in the service model (default 15 minutes).
   */
  developerTokenSeconds: number;
  /** OIDC-3: the key that signs OpenID tokens; absent means the built-in test key (keys/default-signing-key.ts). */
  signingKey?: SigningKey;
  /** LOGIN-9, opt-in: Logins key -> JWKS. Tokens of a provider listed here must carry a signature one of its keys verifies. */
  loginJwks: Record<string, Jwks>;
  /**
   * LOGIN-16: Logins key -> the `iss` its tokens carry, for user-pool emulators whose issuer is not
   * `https://<key>` (cognito-local: `http://localhost:9229/<userPoolId>`). Default: AWS's.
   */
  loginIssuers: Record<string, string>;
}

export const defaultTokenConfig: TokenConfig = {
  openIdTokenSeconds: 600,
  credentialsSeconds: 3600,
  developerTokenSeconds: 900,
  loginJwks: {},
  loginIssuers: {},
};

export function resolveTokenConfig(input: Partial<TokenConfig> = {}): TokenConfig {
  const resolved: TokenConfig = {
    openIdTokenSeconds: input.openIdTokenSeconds ?? defaultTokenConfig.openIdTokenSeconds,
    credentialsSeconds: input.credentialsSeconds ?? defaultTokenConfig.credentialsSeconds,
    developerTokenSeconds: input.developerTokenSeconds ?? defaultTokenConfig.developerTokenSeconds,
    loginJwks: { ...input.loginJwks },
    loginIssuers: { ...input.loginIssuers },
  };
  if (input.signingKey) resolved.signingKey = input.signingKey;
  return resolved;
}
