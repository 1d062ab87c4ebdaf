// SetPrincipalTagAttributeMap, GetPrincipalTagAttributeMap and the tags credentials carry (rules PTAG-n).
import type {
  GetPrincipalTagAttributeMapInput,
  GetPrincipalTagAttributeMapResponse,
  SetPrincipalTagAttributeMapInput,
  SetPrincipalTagAttributeMapResponse,
} from "@aws-sdk/client-cognito-identity";
import { messages, modelError, type ModelError } from "../errors.js";
import type { PoolData, PrincipalTagMap } from "../identity-state.js";
import { configuredProviderNames, type CheckedLogin, type ProviderKind } from "../logins.js";
import { hasOwn, ownValue, setOwn } from "../records.js";
import type { State } from "../state.js";
import { SESSION_TAGS_CLAIM } from "../tokens.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { isModelError } from "./common.js";
import { findPoolScope, withPoolData, type PoolScope } from "./identity-common.js";

const SAML_CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims";

/** PTAG-4: tag key -> claim of the default mapping ("username and clientID"), per provider kind. */
export function defaultPrincipalTags(kind: ProviderKind): Record<string, string> {
  switch (kind) {
    case "amazon":
      return { username: "user_id", client: "aud" };
    case "saml":
      return { username: `${SAML_CLAIMS}/nameidentifier`, name: `${SAML_CLAIMS}/name` };
    case "openid":
      return {};
    default:
      return { username: "sub", client: "aud" };
  }
}

/** PTAG-1: the maps of a configured provider; PTAG-2: other names are refused. */
function scopeFor(state: State, ctx: Context, poolId: string, provider: string): PoolScope | ModelError {
  const scope = findPoolScope(state, ctx.account, ctx.region, poolId);
  if (isModelError(scope)) return scope;
  if (!configuredProviderNames(scope.pool).principalTagKeys.has(provider)) {
    return modelError("InvalidParameterException", messages.principalTagProviderNotConfigured(provider));
  }
  return scope;
}

const output = (poolId: string, provider: string, map: PrincipalTagMap) => ({
  IdentityPoolId: poolId,
  IdentityProviderName: provider,
  UseDefaults: map.useDefaults,
  PrincipalTags: { ...map.tags },
});

export function setPrincipalTagAttributeMap(
  state: State,
  ctx: Context,
  input: SetPrincipalTagAttributeMapInput,
): [State, Result<SetPrincipalTagAttributeMapResponse>] {
  const provider = input.IdentityProviderName!;
  const scope = scopeFor(state, ctx, input.IdentityPoolId!, provider);
  if (isModelError(scope)) return [state, fail(scope)];
  const map: PrincipalTagMap = { useDefaults: input.UseDefaults ?? false, tags: { ...input.PrincipalTags } };
  const data: PoolData = { ...scope.data, principalTagMaps: { ...scope.data.principalTagMaps, [provider]: map } };
  return [withPoolData(state, data), ok(output(scope.pool.id, provider, map))];
}

/** PTAG-3: a provider never set answers UseDefaults false and no tags. */
export function getPrincipalTagAttributeMap(
  state: State,
  ctx: Context,
  input: GetPrincipalTagAttributeMapInput,
): [State, Result<GetPrincipalTagAttributeMapResponse>] {
  const provider = input.IdentityProviderName!;
  const scope = scopeFor(state, ctx, input.IdentityPoolId!, provider);
  if (isModelError(scope)) return [state, fail(scope)];
  const map = ownValue(scope.data.principalTagMaps, provider) ?? { useDefaults: false, tags: {} };
  return [state, ok(output(scope.pool.id, provider, map))];
}

const tagValue = (value: unknown): string | undefined => {
  const parts = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
  return parts.length === 0 ? undefined : parts.map(String).join(",");
};

function developerTags(login: CheckedLogin): Record<string, string> | undefined {
  const tags = (login.claims[SESSION_TAGS_CLAIM] as { principal_tags?: Record<string, unknown> } | undefined)?.principal_tags;
  if (!tags) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    const value = tagValue(Array.isArray(v) ? v[0] : v);
    if (value !== undefined) setOwn(out, k, value);
  }
  return out;
}

/**
 * PTAG-5: the session tags of credentials: the first presented login whose provider has a map
 * gives them, its claims read through the map. PTAG-6: a developer's OpenID token carries its own.
 */
export function principalTagsFor(data: PoolData, logins: readonly CheckedLogin[]): Record<string, string> {
  for (const login of logins) {
    if (login.kind === "openid") {
      const tags = developerTags(login);
      if (tags) return tags;
      continue;
    }
    const key = login.principalTagKeys.find((k) => hasOwn(data.principalTagMaps, k));
    if (key === undefined) continue;
    const map = data.principalTagMaps[key]!;
    const mapping = map.useDefaults ? { ...defaultPrincipalTags(login.kind), ...map.tags } : map.tags;
    const out: Record<string, string> = {};
    for (const [tag, claim] of Object.entries(mapping)) {
      const value = tagValue(ownValue(login.claims, claim));
      if (value !== undefined) setOwn(out, tag, value);
    }
    return out;
  }
  return {};
}
