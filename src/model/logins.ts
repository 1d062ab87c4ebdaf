// The login-token convention (spec/login-tokens.md, rules LOGIN-n). The model cannot ask Facebook or a
// user pool whether a token is genuine, so it checks what AWS checks that can be checked offline:
// JWTs (user pools, OIDC, Google, Apple) by their claims, and, opt-in, their signature against a
// configured JWKS; opaque-token providers (Facebook, Amazon, Twitter, Digits, SAML) by a test format
// of our own that carries the same facts.
import { messages, modelError, type ModelError } from "./errors.js";
import { decodeJsonPart, decodeJwt, verifyJwt, type DecodedJwt } from "./jwt.js";
import { ownValue } from "./records.js";
import type { ModelConfig } from "./config.js";
import type { Pool } from "./state.js";
import { OPENID_ISSUER, OPENID_PROVIDER, verifiedOpenIdClaims } from "./tokens.js";

/** LOGIN-12: the prefix of an opaque test token; the rest is base64url of a JSON object of claims. */
export const TEST_TOKEN_PREFIX = "cim-test-token.";

export type ProviderKind =
  | "cognito"
  | "oidc"
  | "google"
  | "apple"
  | "facebook"
  | "amazon"
  | "twitter"
  | "digits"
  | "saml"
  | "other"
  | "openid"
  | "developer";

/** Well-known `SupportedLoginProviders` keys (service model documentation of the member). */
export const PUBLIC_PROVIDERS: Readonly<Record<string, ProviderKind>> = {
  "graph.facebook.com": "facebook",
  "accounts.google.com": "google",
  "appleid.apple.com": "apple",
  "www.amazon.com": "amazon",
  "api.twitter.com": "twitter",
  "www.digits.com": "digits",
};

const JWT_KINDS: ReadonlySet<ProviderKind> = new Set(["cognito", "oidc", "google", "apple"]);

/** The kind of token a Logins key takes, judged from the key alone (what `testToken` uses). */
export function kindOfProviderName(provider: string): ProviderKind {
  if (provider === OPENID_PROVIDER) return "openid";
  const known = ownValue(PUBLIC_PROVIDERS, provider);
  if (known) return known;
  if (/^cognito-idp\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//.test(provider)) return "cognito";
  if (/^arn:aws[a-z-]*:iam::\d{12}:saml-provider\//.test(provider)) return "saml";
  return "oidc";
}

/** A login that passed its checks. */
export interface CheckedLogin {
  /** The Logins key. */
  provider: string;
  kind: ProviderKind;
  /** The user at the provider (`sub`, or `user_id` for Login with Amazon). */
  subject: string;
  claims: Readonly<Record<string, unknown>>;
  /** Keys that may hold this login's role mapping, in lookup order (CRED-5). */
  roleMappingKeys: string[];
  /** Keys that may hold this login's principal-tag map, in lookup order (PTAG-5). */
  principalTagKeys: string[];
  /** OIDC-4: what this login adds to the `amr` claim. */
  amr: string[];
}

interface ProviderConfig {
  kind: ProviderKind;
  /** LOGIN-16: the issuer is a configured emulator's, not a `cognito-idp` URL. */
  emulated?: boolean;
  /** Accepted `iss` values; undefined: not checked. */
  issuers?: string[];
  /** Accepted `aud` values; undefined: any (but present for JWTs). */
  audiences?: string[];
  roleMappingKeys: (aud: string | undefined) => string[];
  principalTagKeys: string[];
}

const OIDC_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;

/** LOGIN-2: the pool's providers, as the Logins keys they answer to. */
export function hasAnyProvider(pool: Pool): boolean {
  return Boolean(
    (pool.supportedLoginProviders && Object.keys(pool.supportedLoginProviders).length > 0) ||
      pool.cognitoIdentityProviders?.length ||
      pool.openIdConnectProviderArns?.length ||
      pool.samlProviderArns?.length,
  );
}

/** LOGIN-4: the `iss` values a JWT of a provider of this kind and key carries; undefined for opaque kinds. */
function issuersOf(kind: ProviderKind, key: string): string[] | undefined {
  if (kind === "google") return ["https://accounts.google.com", "accounts.google.com"];
  if (kind === "apple") return ["https://appleid.apple.com"];
  return kind === "cognito" || kind === "oidc" ? [`https://${key}`] : undefined;
}

/** LOGIN-3: how the pool is configured for one Logins key; undefined when it is not a provider of the pool. */
export function providerConfig(pool: Pool, key: string, issuerOverrides: Readonly<Record<string, string>> = {}): ProviderConfig | undefined {
  const cognito = (pool.cognitoIdentityProviders ?? []).filter((p) => p.ProviderName === key);
  if (cognito.length > 0) {
    const anyClient = cognito.some((p) => p.ClientId === undefined);
    // LOGIN-16: a user-pool emulator's issuer, when configured, stands for AWS's.
    const issuer = ownValue(issuerOverrides, key);
    return {
      kind: "cognito",
      issuers: issuer === undefined ? issuersOf("cognito", key)! : [issuer],
      ...(issuer === undefined ? {} : { emulated: true }),
      ...(anyClient ? {} : { audiences: cognito.map((p) => p.ClientId!) }),
      roleMappingKeys: (aud) => (aud === undefined ? [key] : [`${key}:${aud}`, key]),
      principalTagKeys: [key],
    };
  }
  const appId = pool.supportedLoginProviders && ownValue(pool.supportedLoginProviders, key);
  if (appId !== undefined) {
    const kind = ownValue(PUBLIC_PROVIDERS, key) ?? "other";
    const issuers = kind === "google" || kind === "apple" ? issuersOf(kind, key) : undefined;
    // Twitter and Digits are configured as `consumerKey;consumerSecret`; their tokens name the key.
    const audiences = appId.includes(";") ? [appId, appId.slice(0, appId.indexOf(";"))] : [appId];
    return { kind, ...(issuers ? { issuers } : {}), audiences, roleMappingKeys: () => [key], principalTagKeys: [key] };
  }
  const oidcArn = (pool.openIdConnectProviderArns ?? []).find((arn) => OIDC_ARN.exec(arn)?.[1] === key);
  if (oidcArn !== undefined) {
    return { kind: "oidc", issuers: issuersOf("oidc", key)!, roleMappingKeys: () => [key, oidcArn], principalTagKeys: [key, oidcArn] };
  }
  if ((pool.samlProviderArns ?? []).includes(key)) {
    return { kind: "saml", roleMappingKeys: () => [key], principalTagKeys: [key] };
  }
  return undefined;
}

/** Every name a role mapping or principal-tag map may be keyed by in this pool (ROLE-3, PTAG-2). */
export function configuredProviderNames(pool: Pool): { roleMappingKeys: Set<string>; principalTagKeys: Set<string> } {
  const roleMappingKeys = new Set<string>();
  const principalTagKeys = new Set<string>();
  for (const p of pool.cognitoIdentityProviders ?? []) {
    roleMappingKeys.add(p.ClientId === undefined ? p.ProviderName : `${p.ProviderName}:${p.ClientId}`);
    principalTagKeys.add(p.ProviderName);
  }
  for (const key of Object.keys(pool.supportedLoginProviders ?? {})) {
    roleMappingKeys.add(key);
    principalTagKeys.add(key);
  }
  for (const arn of pool.openIdConnectProviderArns ?? []) {
    const name = OIDC_ARN.exec(arn)?.[1];
    for (const key of name === undefined ? [arn] : [name, arn]) {
      roleMappingKeys.add(key);
      principalTagKeys.add(key);
    }
  }
  for (const arn of pool.samlProviderArns ?? []) {
    roleMappingKeys.add(arn);
    principalTagKeys.add(arn);
  }
  return { roleMappingKeys, principalTagKeys };
}

const fail = (message: string): ModelError => modelError("NotAuthorizedException", message);

const claimText = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;

/** LOGIN-12: the claims of an opaque test token, or undefined when the value is not one. */
export function decodeTestToken(token: string): Record<string, unknown> | undefined {
  return token.startsWith(TEST_TOKEN_PREFIX) ? decodeJsonPart(token.slice(TEST_TOKEN_PREFIX.length)) : undefined;
}

function checkClaims(
  key: string,
  provider: ProviderConfig,
  claims: Record<string, unknown>,
  nowMs: number,
): CheckedLogin | ModelError {
  const nowSeconds = Math.floor(nowMs / 1000);
  const jwt = JWT_KINDS.has(provider.kind);
  if (provider.issuers) {
    const iss = claims.iss;
    // LOGIN-5: a token from elsewhere under a user-pool key is not a Cognito token at all.
    if (provider.kind === "cognito" && !provider.emulated && (typeof iss !== "string" || !/^https:\/\/cognito-idp\.[^/]+\.amazonaws\.com/.test(iss))) {
      return fail(messages.notCognitoToken());
    }
    if (typeof iss !== "string" || !provider.issuers.includes(iss)) return fail(messages.issuerMismatch());
  }
  // LOGIN-6: user-pool access tokens have no `aud`; that is how AWS reports an access token.
  const audValue = claims.aud;
  const audiences = (Array.isArray(audValue) ? audValue : [audValue]).map(claimText).filter((a): a is string => a !== undefined);
  if ((jwt || provider.audiences) && audiences.length === 0) return fail(messages.missingClaim("aud"));
  // LOGIN-7: the token must be for an app (client) the pool is configured with.
  if (provider.audiences && !audiences.some((a) => provider.audiences!.includes(a))) return fail(messages.unsupportedProvider());
  const exp = claims.exp;
  if (jwt && exp === undefined) return fail(messages.missingClaim("exp"));
  if (exp !== undefined) {
    // LOGIN-8: expiry is judged against the command's time, in epoch seconds as AWS prints it.
    if (typeof exp !== "number" || !Number.isFinite(exp)) return fail(messages.missingClaim("exp"));
    // LOGIN-8: a SAML assertion's expiry is judged, and printed, in epoch milliseconds.
    if (provider.kind === "saml" && nowMs >= exp * 1000) return fail(messages.tokenExpired(nowMs, exp * 1000));
    if (nowSeconds >= exp) return fail(messages.tokenExpired(nowSeconds, exp));
  }
  const subject = claimText(provider.kind === "amazon" ? (claims.user_id ?? claims.sub) : claims.sub);
  if (subject === undefined || subject === "") return fail(messages.missingClaim("sub"));
  const aud = audiences.find((a) => !provider.audiences || provider.audiences.includes(a));
  return {
    provider: key,
    kind: provider.kind,
    subject,
    claims,
    roleMappingKeys: provider.roleMappingKeys(aud),
    principalTagKeys: provider.principalTagKeys,
    amr: [key, provider.kind === "cognito" ? `${key}:CognitoSignIn:${subject}` : `${key}:${subject}`],
  };
}

/** Checks one login against the pool (LOGIN-1..LOGIN-13). */
export function checkLogin(
  config: ModelConfig,
  pool: Pool,
  key: string,
  token: string,
  nowMs: number,
  allowOpenIdToken: boolean,
): CheckedLogin | ModelError {
  const nowSeconds = Math.floor(nowMs / 1000);
  if (key === OPENID_PROVIDER && allowOpenIdToken) return checkOpenIdLogin(config, pool, token, nowSeconds);
  // Decoded once: the checks below all read the same token.
  const jwt = decodeJwt(token);
  // LOGIN-14: the other calls take none of this service's own tokens, under its key or any other.
  if (!allowOpenIdToken && (key === OPENID_PROVIDER || jwt?.payload.iss === OPENID_ISSUER)) {
    return fail(messages.cognitoTokenNotAccepted());
  }
  if (!hasAnyProvider(pool)) return fail(messages.noProvidersConfigured(pool.id));
  const provider = providerConfig(pool, key, config.tokens.loginIssuers);
  if (!provider) return fail(unconfiguredKey(key, jwt));
  let claims: Record<string, unknown> | undefined;
  if (JWT_KINDS.has(provider.kind)) {
    if (!jwt) return fail(provider.kind === "cognito" ? messages.notCognitoToken() : messages.unverifiableToken());
    // LOGIN-9: signatures are checked only for providers given a JWKS in the configuration.
    const jwks = ownValue(config.tokens.loginJwks, key);
    if (jwks && !verifyJwt(jwt, jwks.keys)) return fail(messages.unverifiableToken());
    claims = jwt.payload;
  } else {
    // LOGIN-12: a custom SupportedLoginProviders key also takes a JWT, which is what `testToken`
    // makes for a key it cannot tell from an OIDC issuer.
    claims = decodeTestToken(token) ?? (provider.kind === "other" ? jwt?.payload : undefined);
    if (!claims) return fail(messages.notATestToken(key));
  }
  return checkClaims(key, provider, claims, nowMs);
}

/**
 * LOGIN-15: a key the pool is not configured with. A JWT's issuer is compared with the key first
 * (the key names its issuer: `cognito-idp.<region>.amazonaws.com/<id>`, an OIDC host, Google, Apple);
 * only a token whose issuer is the key, or that carries none to compare, is from an unsupported provider.
 */
function unconfiguredKey(key: string, jwt: DecodedJwt | undefined): string {
  const issuers = issuersOf(kindOfProviderName(key), key);
  const iss = issuers && jwt?.payload.iss;
  return iss !== undefined && !issuers!.includes(String(iss)) ? messages.issuerMismatch() : messages.unsupportedProvider();
}

/** CRED-3: an OpenID token of this service, presented under `cognito-identity.amazonaws.com`. */
function checkOpenIdLogin(config: ModelConfig, pool: Pool, token: string, nowSeconds: number): CheckedLogin | ModelError {
  const claims = verifiedOpenIdClaims(config, token);
  if (!claims) return fail(messages.unverifiableToken());
  const exp = claims.exp;
  if (typeof exp !== "number" || nowSeconds >= exp) return fail(messages.tokenExpired(nowSeconds, typeof exp === "number" ? exp : 0));
  if (claims.aud !== pool.id || typeof claims.sub !== "string") return fail(messages.loginsDontMatch());
  // DEV-12: a token passed on keeps the provider entries of its `amr`.
  const amr = Array.isArray(claims.amr)
    ? claims.amr.filter((a): a is string => typeof a === "string" && a !== "authenticated" && a !== "unauthenticated")
    : [];
  return {
    provider: OPENID_PROVIDER,
    kind: "openid",
    subject: claims.sub,
    claims,
    roleMappingKeys: [],
    principalTagKeys: [],
    amr,
  };
}

/** LOGIN-1: every login of the map must pass; the first failure, in the map's order, is the answer. */
export function checkLogins(
  config: ModelConfig,
  pool: Pool,
  logins: Readonly<Record<string, string>>,
  nowMs: number,
  allowOpenIdToken = false,
): CheckedLogin[] | ModelError {
  const checked: CheckedLogin[] = [];
  for (const [key, token] of Object.entries(logins)) {
    const login = checkLogin(config, pool, key, token, nowMs, allowOpenIdToken);
    if ("type" in login) return login;
    checked.push(login);
  }
  return checked;
}
