// Login tokens for tests (spec/login-tokens.md): `testToken(provider, claims)` makes a token that the
// model accepts under that Logins key, in the form the provider kind takes (LOGIN-11, LOGIN-12).
import { base64url, signJwt, unsignedJwt, type JwtAlgorithm } from "./jwt.js";
import { kindOfProviderName, TEST_TOKEN_PREFIX } from "./logins.js";
import type { Jwk } from "./token-config.js";

/** 2100-01-01T00:00:00Z: the default expiry, so a test token does not expire during a test. */
export const TEST_TOKEN_DEFAULT_EXP = 4_102_444_800;
/** 2023-11-14T22:13:20Z: the default issue time. */
export const TEST_TOKEN_DEFAULT_IAT = 1_700_000_000;

export interface TestTokenClaims {
  /** The user at the provider. */
  sub: string;
  /**
   * The app the token was issued to: the user-pool app client id, the Google/Apple client id, the
   * Facebook/Amazon app id, the Twitter consumer key, the OIDC client id. Omit it to make a token
   * without `aud` (what a user-pool access token is).
   */
  aud?: string;
  /** Epoch seconds; default TEST_TOKEN_DEFAULT_EXP. */
  exp?: number;
  /** Epoch seconds; default TEST_TOKEN_DEFAULT_IAT. */
  iat?: number;
  /** Any other claims: `cognito:groups`, `cognito:roles`, `cognito:preferred_role`, `email`, `custom:dept`, ... */
  [claim: string]: unknown;
}

export interface TestTokenOptions {
  /** User pools only: `"access"` makes an access token (no `aud`, `client_id` instead). Default `"id"`. */
  tokenUse?: "id" | "access";
  /** Overrides `iss` (to test LOGIN-4). Default: `https://<provider>` (Google: `https://accounts.google.com`). */
  issuer?: string;
  /** JWT kinds only: sign with this private key (LOGIN-9). Default: unsigned (`alg: none`). */
  signWith?: { privateJwk: Jwk; kid?: string; alg?: JwtAlgorithm };
}

/**
 * A login token for `provider` (a Logins key) carrying `claims`:
 *
 * ```ts
 * const provider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example";
 * step(state, { op: "GetId", input: { IdentityPoolId, Logins: { [provider]: testToken(provider, { sub: "alice", aud: clientId }) } }, context });
 * ```
 *
 * User pools, OIDC providers, Google and Apple get a JWT; Facebook, Amazon, Twitter, Digits and SAML
 * providers get the model's opaque test token (`cim-test-token.<base64url JSON>`).
 */
export function testToken(provider: string, claims: TestTokenClaims, options: TestTokenOptions = {}): string {
  const kind = kindOfProviderName(provider);
  const { sub, aud, exp, iat, ...rest } = claims;
  const times = { exp: exp ?? TEST_TOKEN_DEFAULT_EXP, iat: iat ?? TEST_TOKEN_DEFAULT_IAT };
  switch (kind) {
    case "cognito": {
      const iss = options.issuer ?? `https://${provider}`;
      const payload =
        options.tokenUse === "access"
          ? { sub, iss, client_id: aud, token_use: "access", scope: "aws.cognito.signin.user.admin", auth_time: times.iat, ...times, username: sub, ...rest }
          : { sub, ...(aud === undefined ? {} : { aud }), iss, token_use: "id", auth_time: times.iat, ...times, "cognito:username": sub, ...rest };
      return jwt(payload, options);
    }
    case "google":
    case "apple":
    case "oidc": {
      const iss = options.issuer ?? (kind === "google" ? "https://accounts.google.com" : `https://${provider}`);
      return jwt({ iss, sub, ...(aud === undefined ? {} : { aud }), ...times, ...rest }, options);
    }
    default: {
      const userId = kind === "amazon" ? { user_id: sub } : {};
      const payload = { iss: provider, sub, ...userId, ...(aud === undefined ? {} : { aud }), ...times, ...rest };
      return `${TEST_TOKEN_PREFIX}${base64url(JSON.stringify(payload))}`;
    }
  }
}

function jwt(payload: Record<string, unknown>, options: TestTokenOptions): string {
  const clean = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
  if (!options.signWith) return unsignedJwt({ alg: "none", typ: "JWT" }, clean);
  const alg = options.signWith.alg ?? "RS256";
  const kid = options.signWith.kid ?? (options.signWith.privateJwk as { kid?: string }).kid;
  return signJwt({ alg, typ: "JWT", ...(kid === undefined ? {} : { kid }) }, clean, alg, options.signWith.privateJwk);
}

/** The Logins key of a Cognito user pool: `cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
export function userPoolProviderName(userPoolId: string, region = userPoolId.slice(0, userPoolId.indexOf("_"))): string {
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

type Claims = Omit<TestTokenClaims, "sub" | "aud">;
const entry = (provider: string, claims: TestTokenClaims, options?: TestTokenOptions) => ({ [provider]: testToken(provider, claims, options) });

/**
 * One-entry `Logins` maps per provider kind, for `GetId({ IdentityPoolId, Logins: testLogin.facebook(appId, "user-1") })`.
 * Each takes what the pool is configured with (user pool id and app client id, app id, ...) and the user.
 */
export const testLogin = {
  userPool: (userPoolId: string, clientId: string, sub: string, claims: Claims = {}, options?: TestTokenOptions) =>
    entry(userPoolProviderName(userPoolId), { ...claims, sub, aud: clientId }, options),
  oidc: (providerName: string, clientId: string, sub: string, claims: Claims = {}, options?: TestTokenOptions) =>
    entry(providerName, { ...claims, sub, aud: clientId }, options),
  google: (clientId: string, sub: string, claims: Claims = {}) => entry("accounts.google.com", { ...claims, sub, aud: clientId }),
  apple: (clientId: string, sub: string, claims: Claims = {}) => entry("appleid.apple.com", { ...claims, sub, aud: clientId }),
  facebook: (appId: string, userId: string, claims: Claims = {}) => entry("graph.facebook.com", { ...claims, sub: userId, aud: appId }),
  amazon: (appId: string, userId: string, claims: Claims = {}) => entry("www.amazon.com", { ...claims, sub: userId, aud: appId }),
  twitter: (consumerKey: string, userId: string, claims: Claims = {}) => entry("api.twitter.com", { ...claims, sub: userId, aud: consumerKey }),
  saml: (providerArn: string, nameId: string, attributes: Claims = {}) => entry(providerArn, { ...attributes, sub: nameId }),
};
