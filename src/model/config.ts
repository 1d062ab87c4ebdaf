// Quotas and switches, as data, each with its source (spec/quotas.md). Everything is overridable.
import type { IamConfig } from "./iam/roles.js";
import { resolveTokenConfig, type TokenConfig } from "./token-config.js";

export interface Quotas {
  /** Identity pools per account and Region. Source: Developer Guide, limits.md ("Identity pools per account": 1,000, not adjustable). */
  identityPoolsPerRegion: number;
  /** Tags per identity pool. Source: TagResource documentation in the service model ("as many as 50 tags"); tagging.md. */
  tagsPerPool: number;
  /** `CognitoIdentityProviders` entries per pool. Source: limits.md ("Amazon Cognito user pool providers per identity pool": 50). */
  cognitoProvidersPerPool: number;
  /** Logins linked to one identity. Source: MergeDeveloperIdentities documentation in the service model ("limited to 20"); spec/identities.md IDN-8. */
  linkedLoginsPerIdentity: number;
  /** Rules of one role mapping. Source: role-based-access-control.md ("up to 25 rules"), limits.md; spec/operations/SetIdentityPoolRoles.md ROLE-6. */
  rulesPerRoleMapping: number;
}

/** Requests per second per account, Region and operation. Source: limits.md and the service model. */
export type RateLimits = Partial<Record<string, number>>;

export interface ModelConfig {
  /** Seed of the id generator: the same seed and commands give the same ids. */
  seed: number;
  quotas: Quotas;
  /** Off by default: a deterministic fake normally does not throttle. */
  rateLimiting: { enabled: boolean; perSecond: RateLimits };
  /** Token lifetimes, the OpenID signing key, login-token JWKS (token-config.ts). */
  tokens: TokenConfig;
  /** IAM-7, IAM-8: the registered roles (their trust policies are evaluated) and the strict switch. */
  iam: IamConfig;
}

export const defaultQuotas: Quotas = {
  identityPoolsPerRegion: 1000,
  tagsPerPool: 50,
  cognitoProvidersPerPool: 50,
  linkedLoginsPerIdentity: 20,
  rulesPerRoleMapping: 25,
};

export const defaultRateLimits: RateLimits = {
  // limits.md, "API request rate quotas" (per account and Region, all pools together).
  GetId: 25,
  GetOpenIdToken: 200,
  GetCredentialsForIdentity: 200,
  GetOpenIdTokenForDeveloperIdentity: 200,
  // Service model documentation of TagResource, UntagResource, ListTagsForResource.
  TagResource: 5,
  UntagResource: 5,
  ListTagsForResource: 10,
};

export interface ModelConfigInput {
  seed?: number;
  quotas?: Partial<Quotas>;
  rateLimiting?: { enabled?: boolean; perSecond?: RateLimits };
  tokens?: Partial<TokenConfig>;
  /** Roles as `parseRoles` (iam/roles.ts) reads them. */
  iam?: Partial<IamConfig>;
}

export function resolveConfig(input: ModelConfigInput = {}): ModelConfig {
  return {
    seed: input.seed ?? 0,
    quotas: { ...defaultQuotas, ...input.quotas },
    rateLimiting: {
      enabled: input.rateLimiting?.enabled ?? false,
      perSecond: { ...defaultRateLimits, ...input.rateLimiting?.perSecond },
    },
    tokens: resolveTokenConfig(input.tokens),
    iam: { roles: [...(input.iam?.roles ?? [])], strict: input.iam?.strict ?? false },
  };
}
