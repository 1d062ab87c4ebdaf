// Finding pools and identities for the identity operations, and writing their records back.
import type { IdentityDescription } from "@aws-sdk/client-cognito-identity";
import { messages, modelError, type ModelError } from "../errors.js";
import { emptyPoolData, loginKey, poolDataKey, type Identity, type PoolData } from "../identity-state.js";
import { namespaceOf, type Pool, type State } from "../state.js";
import type { Context } from "../types.js";

/** The Region an id names: the part before its colon (validation guarantees there is one). */
export const regionOfId = (id: string) => id.slice(0, id.indexOf(":"));

export interface PoolScope {
  pool: Pool;
  data: PoolData;
}

/** A live pool of (account, region) and its record; a pool never given identities or roles gets an empty one. */
export function findPoolScope(state: State, account: string, region: string, poolId: string): PoolScope | ModelError {
  const pool = namespaceOf(state, account, region).pools.get(poolId);
  if (!pool) return modelError("ResourceNotFoundException", messages.poolNotFound(poolId));
  return { pool, data: state.poolData.get(poolDataKey(account, region, poolId)) ?? emptyPoolData(account, region, poolId) };
}

/**
 * IDN-4, IDN-16: the Region a public operation looks in: the endpoint's, or, when the request did
 * not reveal it, the one the id names.
 */
export const publicRegion = (ctx: Context, id: string): string => (ctx.regionUnknown ? regionOfId(id) : ctx.region);

/**
 * IDN-4: the pool of an unsigned GetId, found in the endpoint's Region (the id's when unknown): in
 * the account `AccountId` when given, else in whichever account holds it (pool ids are unique).
 */
export function findPublicPoolScope(state: State, ctx: Context, poolId: string, account: string | undefined): PoolScope | ModelError {
  const region = publicRegion(ctx, poolId);
  if (account !== undefined) return findPoolScope(state, account, region, poolId);
  const own = findPoolScope(state, ctx.account, region, poolId);
  if (!("type" in own)) return own;
  for (const [key, ns] of state.namespaces.entries()) {
    const holder = key.slice(0, key.indexOf("/"));
    if (key === `${holder}/${region}` && ns.pools.has(poolId)) return findPoolScope(state, holder, region, poolId);
  }
  return own;
}

export interface IdentityScope extends PoolScope {
  identity: Identity;
}

/**
 * IDN-16: an identity by its id. `where.account` restricts the search to the caller's account (the
 * signed operations); `where.region` to the endpoint's Region (every operation, see publicRegion).
 */
export function findIdentity(state: State, identityId: string, where: { account?: string; region: string }): IdentityScope | ModelError {
  const notFound = modelError("ResourceNotFoundException", messages.identityNotFound(identityId));
  const identity = state.identities.get(identityId);
  const data = identity && state.poolData.get(identity.pool);
  if (!identity || !data || data.region !== regionOfId(identityId)) return notFound;
  if ((where.account !== undefined && where.account !== data.account) || where.region !== data.region) return notFound;
  const pool = namespaceOf(state, data.account, data.region).pools.get(data.poolId);
  return pool ? { pool, data, identity } : notFound;
}

export function withPoolData(state: State, data: PoolData): State {
  return { ...state, poolData: state.poolData.set(data.key, data) };
}

/** The identity of the pool that owns a login, if any. */
export function ownerOf(state: State, data: PoolData, login: { provider: string; subject: string }): Identity | undefined {
  const entry = data.logins.get(loginKey(login.provider, login.subject));
  return entry && state.identities.get(entry.owner);
}

/** IDN-19: a deleted pool takes its identities, roles and principal-tag maps with it. */
export function dropPoolData(state: State, account: string, region: string, poolId: string): State {
  const key = poolDataKey(account, region, poolId);
  const data = state.poolData.get(key);
  if (!data) return state;
  let identities = state.identities;
  for (const id of data.order.values()) identities = identities.delete(id);
  return { ...state, identities, poolData: state.poolData.delete(key) };
}

/**
 * IDN-14: IdentityDescription, as DescribeIdentity and ListIdentities return it. Each provider once:
 * a developer identity shows its provider name, never its user identifiers (DEV-25).
 */
export function identityDescription(identity: Identity): IdentityDescription {
  const out: IdentityDescription = { IdentityId: identity.id };
  if (identity.logins.length > 0) out.Logins = [...new Set(identity.logins.map((l) => l.provider))];
  out.CreationDate = new Date(identity.created);
  out.LastModifiedDate = new Date(identity.modified);
  return out;
}
