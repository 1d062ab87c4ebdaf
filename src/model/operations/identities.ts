// GetId, DescribeIdentity, ListIdentities, DeleteIdentities, UnlinkIdentity (spec/operations/*.md and spec/identities.md, rules IDN-n).
import type {
  DeleteIdentitiesInput,
  DeleteIdentitiesResponse,
  DescribeIdentityInput,
  GetIdInput,
  GetIdResponse,
  IdentityDescription,
  ListIdentitiesInput,
  ListIdentitiesResponse,
  UnlinkIdentityInput,
} from "@aws-sdk/client-cognito-identity";
import { messages, modelError } from "../errors.js";
import { loginKey, NO_LOGINS } from "../identity-state.js";
import { checkLogins } from "../logins.js";
import { decodeToken, encodeToken } from "../paging.js";
import type { State } from "../state.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { isModelError } from "./common.js";
import { findIdentity, findPoolScope, findPublicPoolScope, identityDescription, publicRegion, withPoolData } from "./identity-common.js";
import { createIdentity, linkLogins, ownsLogin, unlinkLogins } from "./linking.js";

const hasLogins = (logins: Record<string, string> | undefined): logins is Record<string, string> =>
  logins !== undefined && logins !== null && Object.keys(logins).length > 0;

/**
 * IDN-1..IDN-4: GetId is public: the pool is looked for in the endpoint's Region, and the account is
 * `AccountId` when given, else the one that holds the pool.
 */
export function getId(state: State, ctx: Context, input: GetIdInput): [State, Result<GetIdResponse>] {
  const poolId = input.IdentityPoolId!;
  const scope = findPublicPoolScope(state, ctx, poolId, input.AccountId ?? undefined);
  if (isModelError(scope)) return [state, fail(scope)];
  const { pool, data } = scope;
  if (!hasLogins(input.Logins)) {
    if (!pool.allowUnauthenticated) return [state, fail(modelError("NotAuthorizedException", messages.unauthenticatedNotSupported()))];
    const [next, identity] = createIdentity(state, data, ctx.now, NO_LOGINS);
    return [next, ok({ IdentityId: identity.id })];
  }
  const checked = checkLogins(state.config, pool, input.Logins, ctx.now);
  if (isModelError(checked)) return [state, fail(checked)];
  const linked = linkLogins(state, pool, data, undefined, checked, ctx.now, { limitError: "LimitExceededException" });
  if (isModelError(linked)) return [state, fail(linked)];
  return [linked[0], ok({ IdentityId: linked[1].id })];
}

/** IDN-14, IDN-16: signed; the identity must be one of the caller's account and Region. */
export function describeIdentity(state: State, ctx: Context, input: DescribeIdentityInput): [State, Result<IdentityDescription>] {
  const found = findIdentity(state, input.IdentityId!, ctx);
  return isModelError(found) ? [state, fail(found)] : [state, ok(identityDescription(found.identity))];
}

const listScope = (ctx: Context, poolId: string) => `ListIdentities|${ctx.account}|${ctx.region}|${poolId}`;

/** IDN-17: creation order, opaque tokens, `HideDisabled`. */
export function listIdentities(state: State, ctx: Context, input: ListIdentitiesInput): [State, Result<ListIdentitiesResponse>] {
  const poolId = input.IdentityPoolId!;
  const scope = findPoolScope(state, ctx.account, ctx.region, poolId);
  if (isModelError(scope)) return [state, fail(scope)];
  let after: number | undefined;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    after = decodeToken(state.config.seed, listScope(ctx, poolId), input.NextToken);
    if (after === undefined) return [state, fail(modelError("InvalidParameterException", messages.invalidNextToken()))];
  }
  const pageSize = Math.trunc(input.MaxResults!);
  const { data } = scope;
  const identities: IdentityDescription[] = [];
  let last: number | undefined;
  let more = false;
  for (const [seq, id] of data.order.entriesAfter(after)) {
    const identity = state.identities.get(id)!;
    if (input.HideDisabled && identity.disabled) continue;
    if (identities.length === pageSize) {
      more = true;
      break;
    }
    identities.push(identityDescription(identity));
    last = seq;
  }
  const output: ListIdentitiesResponse = { IdentityPoolId: poolId, Identities: identities };
  if (more && last !== undefined) output.NextToken = encodeToken(state.config.seed, listScope(ctx, poolId), last);
  return [state, ok(output)];
}

/** IDN-18: deletes the caller's identities among the ids; unknown ids are not reported. */
export function deleteIdentities(state: State, ctx: Context, input: DeleteIdentitiesInput): [State, Result<DeleteIdentitiesResponse>] {
  let next = state;
  for (const id of input.IdentityIdsToDelete!) {
    const found = findIdentity(next, id, ctx);
    if (isModelError(found)) continue;
    const { data, identity } = found;
    let logins = data.logins;
    for (const l of identity.logins) logins = logins.delete(loginKey(l.provider, l.subject));
    next = withPoolData(next, { ...data, order: data.order.delete(identity.seq), logins });
    next = { ...next, identities: next.identities.delete(id) };
  }
  return [next, ok({ UnprocessedIdentityIds: [] })];
}

/** IDN-12, IDN-13: the Logins prove ownership; the providers in LoginsToRemove are unlinked. */
export function unlinkIdentity(state: State, ctx: Context, input: UnlinkIdentityInput): [State, Result<Record<string, never>>] {
  const found = findIdentity(state, input.IdentityId!, { region: publicRegion(ctx, input.IdentityId!) });
  if (isModelError(found)) return [state, fail(found)];
  const { pool, data, identity } = found;
  if (identity.disabled) return [state, fail(modelError("NotAuthorizedException", messages.identityForbidden(identity.id)))];
  const checked = checkLogins(state.config, pool, input.Logins!, ctx.now);
  if (isModelError(checked)) return [state, fail(checked)];
  if (!checked.some((l) => ownsLogin(identity, l))) return [state, fail(modelError("NotAuthorizedException", messages.loginsDontMatch()))];
  const toRemove = new Set(input.LoginsToRemove!);
  return [unlinkLogins(state, data, identity, identity.logins.filter((l) => toRemove.has(l.provider)), ctx.now), ok({})];
}
