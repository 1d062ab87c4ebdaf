// The OpenID tokens Cognito Identity issues (GetOpenIdToken): RS512-signed JWTs with the claims AWS
// puts in them, and the public keys that verify them (spec/operations/GetOpenIdToken.md, rules OIDC-n).
import { poolArn } from "./arn.js";
import type { ModelConfig } from "./config.js";
import { decodeJwt, publicJwkOf, signJwt, verifyJwt, type JwtAlgorithm } from "./jwt.js";
import { defaultSigningKey } from "./keys/default-signing-key.js";
import type { Jwk } from "./token-config.js";

export interface SigningKey {
  kid: string;
  alg: JwtAlgorithm;
  privateJwk: Jwk;
}

/** OIDC-2: the issuer of every OpenID token. */
export const OPENID_ISSUER = "https://cognito-identity.amazonaws.com";
/** The Logins key under which an OpenID token of this service is presented (CRED-3). */
export const OPENID_PROVIDER = "cognito-identity.amazonaws.com";
const POOL_ARN_CLAIM = "https://cognito-identity.amazonaws.com/identity-pool-arn";
/** DEV-9, PTAG-6: where a token carries IAM session tags, as `{ principal_tags: { key: [value] } }`. */
export const SESSION_TAGS_CLAIM = "https://aws.amazon.com/tags";

export const signingKeyOf = (config: ModelConfig): SigningKey => config.tokens.signingKey ?? defaultSigningKey;

export interface OpenIdClaims {
  identityId: string;
  poolId: string;
  account: string;
  region: string;
  /** OIDC-4: `unauthenticated`, or `authenticated` followed by the provider entries. */
  amr: string[];
  /** Claims that follow `amr`, such as the session tags of DEV-9. */
  extraClaims?: Readonly<Record<string, unknown>>;
  /** Epoch seconds. */
  issuedAt: number;
  lifetimeSeconds: number;
}

/** OIDC-1..OIDC-5: header and claims in the order observed in AWS tokens. */
export function openIdToken(config: ModelConfig, claims: OpenIdClaims): string {
  const key = signingKeyOf(config);
  const header = { kid: key.kid, typ: "JWS", alg: key.alg };
  // OIDC-2: only authenticated identities' tokens name the pool's ARN.
  const arn = claims.amr[0] === "authenticated" ? { [POOL_ARN_CLAIM]: poolArn(claims.account, claims.region, claims.poolId) } : {};
  const payload = {
    sub: claims.identityId,
    aud: claims.poolId,
    amr: claims.amr,
    ...claims.extraClaims,
    iss: OPENID_ISSUER,
    ...arn,
    exp: claims.issuedAt + claims.lifetimeSeconds,
    iat: claims.issuedAt,
  };
  return signJwt(header, payload, key.alg, key.privateJwk);
}

const publicKeySets = new WeakMap<SigningKey, { keys: Jwk[] }>();

function publicKeySet(config: ModelConfig): { keys: Jwk[] } {
  const key = signingKeyOf(config);
  let set = publicKeySets.get(key);
  if (!set) publicKeySets.set(key, (set = { keys: [{ ...publicJwkOf(key.privateJwk), kid: key.kid, alg: key.alg, use: "sig" }] }));
  return set;
}

/** OIDC-6: the public keys of the OpenID tokens, as a JWKS (what `/.well-known/jwks.json` serves). */
export function openIdJwks(source: { config: ModelConfig } | ModelConfig): { keys: Jwk[] } {
  return structuredClone(publicKeySet("config" in source ? source.config : source));
}

/**
 * OIDC-6: the OpenID discovery document (what `/.well-known/openid-configuration` serves), with
 * `jwks_uri` under `baseUrl`, the address the document is served from.
 */
export function openIdConfiguration(source: { config: ModelConfig } | ModelConfig, baseUrl: string) {
  const config = "config" in source ? source.config : source;
  return {
    issuer: OPENID_ISSUER,
    jwks_uri: `${baseUrl.replace(/\/+$/, "")}/.well-known/jwks.json`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [signingKeyOf(config).alg],
    claims_supported: ["sub", "aud", "iss", "amr", "exp", "iat"],
  };
}

/** The claims of an OpenID token this model signed, or undefined when the signature does not verify. */
export function verifiedOpenIdClaims(config: ModelConfig, token: string): Record<string, unknown> | undefined {
  const jwt = decodeJwt(token);
  if (!jwt || !verifyJwt(jwt, publicKeySet(config).keys)) return undefined;
  return jwt.payload.iss === OPENID_ISSUER ? jwt.payload : undefined;
}
