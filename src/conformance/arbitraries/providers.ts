// The names a pool's providers answer to, read from its settings: Logins keys (with the app each
// is configured for), role mapping keys, principal-tag provider names.
import type { Pool } from "../../model/index.js";

const OIDC_ARN = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/;

/** Public, OIDC (by name and by ARN) and SAML providers: named alike by role mappings and principal-tag maps. */
const otherProviderNames = (pool: Pool) => [
  ...Object.keys(pool.supportedLoginProviders ?? {}),
  ...(pool.openIdConnectProviderArns ?? []).flatMap((arn) => [OIDC_ARN.exec(arn)?.[1] ?? arn, arn]),
  ...(pool.samlProviderArns ?? []),
];

/** The names a role mapping may be keyed by: user pools with their client, and the others. */
export function roleMappingKeys(pool: Pool | undefined): string[] {
  if (!pool) return [];
  const userPools = (pool.cognitoIdentityProviders ?? []).map((p) => (p.ClientId === undefined ? p.ProviderName : `${p.ProviderName}:${p.ClientId}`));
  return [...userPools, ...otherProviderNames(pool)];
}

/** The names a principal-tag map may be set for: user pools without their client, and the others. */
export function principalTagProviders(pool: Pool | undefined): string[] {
  if (!pool) return [];
  return [...(pool.cognitoIdentityProviders ?? []).map((p) => p.ProviderName), ...otherProviderNames(pool)];
}

export interface LoginKey {
  key: string;
  /** The app the pool names for this provider; undefined where the pool names none. */
  aud?: string;
  /** Tokens of SupportedLoginProviders keys other than the well-known ones are opaque test tokens. */
  opaque: boolean;
}

const WELL_KNOWN = new Set(["graph.facebook.com", "accounts.google.com", "appleid.apple.com", "www.amazon.com", "api.twitter.com", "www.digits.com"]);

/** The Logins keys a pool accepts, with the app each is configured for. */
export function loginKeysOf(pool: Pool | undefined): LoginKey[] {
  if (!pool) return [];
  const keys: LoginKey[] = [];
  for (const p of pool.cognitoIdentityProviders ?? []) keys.push({ key: p.ProviderName, aud: p.ClientId ?? "any-client", opaque: false });
  for (const [key, app] of Object.entries(pool.supportedLoginProviders ?? {})) keys.push({ key, aud: app, opaque: !WELL_KNOWN.has(key) });
  for (const arn of pool.openIdConnectProviderArns ?? []) {
    const name = OIDC_ARN.exec(arn)?.[1];
    if (name !== undefined) keys.push({ key: name, aud: "oidc-client", opaque: false });
  }
  for (const arn of pool.samlProviderArns ?? []) keys.push({ key: arn, opaque: false });
  return keys;
}

/** The role mapping key of a Logins key: a user pool's with its client, any other as it is. */
export function roleMappingKeyOf(pool: Pool | undefined, loginKey: string): string {
  const userPool = (pool?.cognitoIdentityProviders ?? []).find((p) => p.ProviderName === loginKey);
  return userPool?.ClientId === undefined ? loginKey : `${loginKey}:${userPool.ClientId}`;
}
