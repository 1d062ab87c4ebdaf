// CreateIdentityPool, DescribeIdentityPool, UpdateIdentityPool, DeleteIdentityPool, ListIdentityPools.
import type { CreateIdentityPoolInput, IdentityPool, ListIdentityPoolsInput, ListIdentityPoolsResponse } from "@aws-sdk/client-cognito-identity";
import { produce } from "immer";
import { messages, modelError, type ModelError } from "../errors.js";
import { parseCognitoProviderName } from "../regions.js";
import { decodeToken, encodeToken } from "../paging.js";
import { namespaceOf, withNamespace, type CognitoProvider, type Pool, type State } from "../state.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { checkTagCount, findPool, isModelError, newId, poolOutput } from "./common.js";
import { dropPoolData } from "./identity-common.js";

type PoolSettings = Omit<Pool, "id" | "seq" | "tags">;

const nonEmptyList = <T>(list: readonly T[] | undefined) => (list && list.length > 0 ? [...list] : undefined);
const nonEmptyMap = (map: Record<string, string> | undefined) => (map && Object.keys(map).length > 0 ? { ...map } : undefined);

/** The settings that Create sets and Update replaces (POOL-5); providers checked (POOL-7, POOL-8). */
function settingsFrom(state: State, input: CreateIdentityPoolInput): PoolSettings | ModelError {
  const providers = input.CognitoIdentityProviders ?? [];
  // POOL-7, POOL-14: every entry names a user pool as `cognito-idp.<region>.amazonaws.com/<user pool id>`.
  if (providers.some((p) => p.ProviderName === undefined || p.ProviderName === null || !parseCognitoProviderName(p.ProviderName))) {
    return modelError("InvalidParameterException", messages.invalidCognitoProvider());
  }
  const limit = state.config.quotas.cognitoProvidersPerPool;
  if (providers.length > limit) return modelError("LimitExceededException", messages.tooManyCognitoProviders(limit));
  const cognito: CognitoProvider[] = providers.map((p) => ({
    ProviderName: p.ProviderName!,
    ...(p.ClientId !== undefined && p.ClientId !== null ? { ClientId: p.ClientId } : {}),
    ServerSideTokenCheck: p.ServerSideTokenCheck ?? false,
  }));
  const settings: PoolSettings = {
    name: input.IdentityPoolName!,
    allowUnauthenticated: input.AllowUnauthenticatedIdentities!,
  };
  return stripUndefined({
    ...settings,
    allowClassicFlow: input.AllowClassicFlow ?? undefined,
    supportedLoginProviders: nonEmptyMap(input.SupportedLoginProviders),
    developerProviderName: input.DeveloperProviderName ?? undefined,
    openIdConnectProviderArns: nonEmptyList(input.OpenIdConnectProviderARNs),
    cognitoIdentityProviders: nonEmptyList(cognito),
    samlProviderArns: nonEmptyList(input.SamlProviderARNs),
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function createIdentityPool(state: State, ctx: Context, input: CreateIdentityPoolInput): [State, Result<IdentityPool>] {
  const settings = settingsFrom(state, input);
  if (isModelError(settings)) return [state, fail(settings)];
  const tags = { ...(input.IdentityPoolTags ?? {}) };
  const tagError = checkTagCount(state, tags);
  if (tagError) return [state, fail(tagError)];
  const ns = namespaceOf(state, ctx.account, ctx.region);
  const limit = state.config.quotas.identityPoolsPerRegion;
  if (ns.pools.size >= limit) return [state, fail(modelError("LimitExceededException", messages.tooManyPools(limit)))];

  const made = newId(state, ctx.region, ctx.id, "identity pool");
  if (isModelError(made)) return [state, fail(made)];
  const [id, ids] = made;
  const pool: Pool = { id, seq: ns.nextSeq, ...settings, tags };
  const next = withNamespace({ ...state, ids }, ctx.account, ctx.region, {
    pools: ns.pools.set(id, pool),
    order: ns.order.set(pool.seq, id),
    nextSeq: ns.nextSeq + 1,
  });
  return [next, ok(poolOutput(pool))];
}

export function describeIdentityPool(state: State, ctx: Context, input: { IdentityPoolId?: string }): [State, Result<IdentityPool>] {
  const pool = findPool(state, ctx, input.IdentityPoolId!);
  return isModelError(pool) ? [state, fail(pool)] : [state, ok(poolOutput(pool))];
}

export function updateIdentityPool(state: State, ctx: Context, input: IdentityPool): [State, Result<IdentityPool>] {
  const pool = findPool(state, ctx, input.IdentityPoolId!);
  if (isModelError(pool)) return [state, fail(pool)];
  const settings = settingsFrom(state, input);
  if (isModelError(settings)) return [state, fail(settings)];
  // POOL-6: the developer provider name is kept when omitted and cannot change once set.
  const developerProviderName = settings.developerProviderName ?? pool.developerProviderName;
  if (pool.developerProviderName !== undefined && developerProviderName !== pool.developerProviderName) {
    return [state, fail(modelError("InvalidParameterException", messages.developerProviderImmutable()))];
  }
  // POOL-9: tags are replaced only when IdentityPoolTags is present.
  const tags = input.IdentityPoolTags ? { ...input.IdentityPoolTags } : pool.tags;
  const tagError = checkTagCount(state, tags);
  if (tagError) return [state, fail(tagError)];

  const updated: Pool = stripUndefined({ id: pool.id, seq: pool.seq, ...settings, developerProviderName, tags });
  const ns = namespaceOf(state, ctx.account, ctx.region);
  const next = withNamespace(state, ctx.account, ctx.region, { ...ns, pools: ns.pools.set(pool.id, updated) });
  return [next, ok(poolOutput(updated))];
}

export function deleteIdentityPool(state: State, ctx: Context, input: { IdentityPoolId?: string }): [State, Result<Record<string, never>>] {
  const pool = findPool(state, ctx, input.IdentityPoolId!);
  if (isModelError(pool)) return [state, fail(pool)];
  const ns = namespaceOf(state, ctx.account, ctx.region);
  const next = withNamespace(state, ctx.account, ctx.region, {
    ...ns,
    pools: ns.pools.delete(pool.id),
    order: ns.order.delete(pool.seq),
  });
  // IDN-19: the pool's identities, roles and principal-tag maps go with it.
  return [dropPoolData(next, ctx.account, ctx.region, pool.id), ok({})];
}

const listScope = (ctx: Context) => `ListIdentityPools|${ctx.account}|${ctx.region}`;

export function listIdentityPools(state: State, ctx: Context, input: ListIdentityPoolsInput): [State, Result<ListIdentityPoolsResponse>] {
  let after: number | undefined;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    after = decodeToken(state.config.seed, listScope(ctx), input.NextToken);
    if (after === undefined) return [state, fail(modelError("InvalidParameterException", messages.invalidNextToken()))];
  }
  const ns = namespaceOf(state, ctx.account, ctx.region);
  // VAL-17: a fractional MaxResults counts by its integer part, as validation measured it.
  const pageSize = Math.trunc(input.MaxResults!);
  const page: ListIdentityPoolsResponse["IdentityPools"] = [];
  let last: number | undefined;
  let more = false;
  for (const [seq, id] of ns.order.entriesAfter(after)) {
    if (page.length === pageSize) {
      more = true;
      break;
    }
    const pool = ns.pools.get(id)!;
    page.push({ IdentityPoolId: pool.id, IdentityPoolName: pool.name });
    last = seq;
  }
  const output: ListIdentityPoolsResponse = { IdentityPools: page };
  if (more && last !== undefined) output.NextToken = encodeToken(state.config.seed, listScope(ctx), last);
  return [state, ok(output)];
}

/** Applies a change to one stored pool (immer keeps the stored record immutable). */
export function updatePool(state: State, ctx: Context, pool: Pool, recipe: (draft: { tags: Record<string, string> }) => void): State {
  const ns = namespaceOf(state, ctx.account, ctx.region);
  const updated = produce(pool, (draft) => recipe(draft as { tags: Record<string, string> }));
  return withNamespace(state, ctx.account, ctx.region, { ...ns, pools: ns.pools.set(pool.id, updated) });
}
