// Lookups and renderings shared by the operation families.
import type { IdentityPool } from "@aws-sdk/client-cognito-identity";
import { messages, modelError, type ModelError } from "../errors.js";
import { afterGivenUuid, nextId, type IdGenerator } from "../ids.js";
import { namespaceOf, type Pool, type State } from "../state.js";
import type { Context } from "../types.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** ID-1, ID-7: some pool of any account, or some identity, already has this id. */
function idInUse(state: State, id: string): boolean {
  if (state.identities.get(id)) return true;
  for (const ns of state.namespaces.values()) if (ns.pools.has(id)) return true;
  return false;
}

/**
 * ID-10: the id of a new pool or identity of `region`: `given` when set (an init file's), which must
 * be `<region>:<lowercase uuid>` and no pool's or identity's already; else the generator's next.
 */
export function newId(state: State, region: string, given: string | undefined, what: string): [string, IdGenerator] | ModelError {
  if (given === undefined) return nextId(state.ids, region);
  const uuid = given.startsWith(`${region}:`) ? given.slice(region.length + 1) : "";
  if (!UUID.test(uuid)) return modelError("InvalidParameterException", messages.givenIdMalformed(what, given, region));
  if (idInUse(state, given)) return modelError("ResourceConflictException", messages.givenIdInUse(what, given));
  return [given, afterGivenUuid(state.ids, uuid)];
}

export function findPool(state: State, ctx: Context, poolId: string): Pool | ModelError {
  return namespaceOf(state, ctx.account, ctx.region).pools.get(poolId) ?? modelError("ResourceNotFoundException", messages.poolNotFound(poolId));
}

export const isModelError = (value: unknown): value is ModelError =>
  typeof value === "object" && value !== null && "type" in value && "message" in value;

/** The IdentityPool shape as AWS returns it: model member order, unset members omitted (POOL-3, POOL-4). */
export function poolOutput(pool: Pool): IdentityPool {
  const out: IdentityPool = {
    IdentityPoolId: pool.id,
    IdentityPoolName: pool.name,
    AllowUnauthenticatedIdentities: pool.allowUnauthenticated,
  };
  if (pool.allowClassicFlow !== undefined) out.AllowClassicFlow = pool.allowClassicFlow;
  if (pool.supportedLoginProviders) out.SupportedLoginProviders = { ...pool.supportedLoginProviders };
  if (pool.developerProviderName !== undefined) out.DeveloperProviderName = pool.developerProviderName;
  if (pool.openIdConnectProviderArns) out.OpenIdConnectProviderARNs = [...pool.openIdConnectProviderArns];
  if (pool.cognitoIdentityProviders) out.CognitoIdentityProviders = pool.cognitoIdentityProviders.map((p) => ({ ...p }));
  if (pool.samlProviderArns) out.SamlProviderARNs = [...pool.samlProviderArns];
  out.IdentityPoolTags = { ...pool.tags };
  return out;
}

/** TAG-4: no path may leave a pool with more tags than the quota. */
export function checkTagCount(state: State, tags: Readonly<Record<string, string>>): ModelError | undefined {
  const limit = state.config.quotas.tagsPerPool;
  return Object.keys(tags).length > limit ? modelError("InvalidParameterException", messages.tooManyTags(limit)) : undefined;
}
