// GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity, MergeDeveloperIdentities and
// UnlinkDeveloperIdentity (spec/operations/*.md, rules DEV-n). A developer user identifier is a login
// of the pool's developer provider (DEV-26): the pool's login index finds its owner in O(log n), and
// the lifecycle's linking, merging and unlinking (linking.ts) apply to it as to any other login.
import type {
  GetOpenIdTokenForDeveloperIdentityInput,
  GetOpenIdTokenForDeveloperIdentityResponse,
  LookupDeveloperIdentityInput,
  LookupDeveloperIdentityResponse,
  MergeDeveloperIdentitiesInput,
  MergeDeveloperIdentitiesResponse,
  UnlinkDeveloperIdentityInput,
} from "@aws-sdk/client-cognito-identity";
import { messages, modelError, type ModelError } from "../errors.js";
import type { Identity, LinkedLogin, PoolData } from "../identity-state.js";
import { checkLogins, type CheckedLogin } from "../logins.js";
import { decodeKeyToken, encodeKeyToken } from "../paging.js";
import { hasOwn } from "../records.js";
import { shapeNamed } from "../shapes.js";
import type { Pool, State } from "../state.js";
import { openIdToken, SESSION_TAGS_CLAIM } from "../tokens.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { isModelError } from "./common.js";
import { findIdentity, findPoolScope, ownerOf, type IdentityScope, type PoolScope } from "./identity-common.js";
import { linkLogins, ownsLogin, unlinkLogins } from "./linking.js";

/** DEV-2: the longest developer user identifier (the service model's DeveloperUserIdentifier shape). */
const MAX_IDENTIFIER_LENGTH = shapeNamed("DeveloperUserIdentifier").max!;
/** DEV-17: a lookup without MaxResults gets a page as large as MaxResults allows (the QueryLimit shape). */
const DEFAULT_LOOKUP_RESULTS = shapeNamed("QueryLimit").max!;

const notSupported = () => modelError("NotAuthorizedException", messages.developerProviderNotSupported());

/** DEV-2, DEV-10: a developer user identifier as a login of the pool's developer provider. */
function developerLogin(pool: Pool, provider: string, identifier: string): CheckedLogin {
  return {
    provider,
    kind: "developer",
    subject: identifier,
    claims: {},
    roleMappingKeys: [],
    principalTagKeys: [],
    amr: [provider, `${provider}:${pool.id}:${identifier}`],
  };
}

/** DEV-1, DEV-18, DEV-22: the caller's pool, which must have `provider` as its developer provider when one is named. */
function developerScope(state: State, ctx: Context, poolId: string, provider?: string): (PoolScope & { provider: string | undefined }) | ModelError {
  const scope = findPoolScope(state, ctx.account, ctx.region, poolId);
  if (isModelError(scope)) return scope;
  if (provider !== undefined && provider !== scope.pool.developerProviderName) return notSupported();
  return { ...scope, provider: scope.pool.developerProviderName };
}

/** DEV-5, DEV-14, DEV-22: an identity of this pool, of the caller's account and Region (IDN-16). */
function identityOfPool(state: State, ctx: Context, data: PoolData, identityId: string): IdentityScope | ModelError {
  const found = findIdentity(state, identityId, ctx);
  if (isModelError(found)) return found;
  return found.data.key === data.key ? found : modelError("ResourceNotFoundException", messages.identityNotFound(identityId));
}

/** The identity a developer user identifier is linked to, if any. */
const ownerOfIdentifier = (state: State, data: PoolData, provider: string | undefined, identifier: string) =>
  provider === undefined ? undefined : ownerOf(state, data, { provider, subject: identifier });

/** DEV-9: PrincipalTags as IAM session tags: every value a one-element list. */
function sessionTags(tags: Readonly<Record<string, string>> | undefined): Record<string, unknown> | undefined {
  if (!tags || Object.keys(tags).length === 0) return undefined;
  return { [SESSION_TAGS_CLAIM]: { principal_tags: Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, [value]])) } };
}

export function getOpenIdTokenForDeveloperIdentity(
  state: State,
  ctx: Context,
  input: GetOpenIdTokenForDeveloperIdentityInput,
): [State, Result<GetOpenIdTokenForDeveloperIdentityResponse>] {
  const scope = developerScope(state, ctx, input.IdentityPoolId!);
  if (isModelError(scope)) return [state, fail(scope)];
  const { pool, data, provider } = scope;
  const logins = input.Logins!;
  // DEV-2
  if (provider === undefined || !hasOwn(logins, provider)) return [state, fail(notSupported())];
  const identifier = logins[provider]!;
  if (identifier.length > MAX_IDENTIFIER_LENGTH) {
    return [state, fail(modelError("InvalidParameterException", messages.developerUserIdentifierTooLong(MAX_IDENTIFIER_LENGTH)))];
  }
  // DEV-5
  let current: Identity | undefined;
  if (input.IdentityId !== undefined && input.IdentityId !== null) {
    const found = identityOfPool(state, ctx, data, input.IdentityId);
    if (isModelError(found)) return [state, fail(found)];
    current = found.identity;
    if (current.disabled) return [state, fail(modelError("NotAuthorizedException", messages.identityForbidden(current.id)))];
  }
  // DEV-3
  const others = checkLogins(state.config, pool, Object.fromEntries(Object.entries(logins).filter(([key]) => key !== provider)), ctx.now);
  if (isModelError(others)) return [state, fail(others)];
  const developer = developerLogin(pool, provider, identifier);
  // The developer login comes first, so that without IdentityId its owner is the identity answered (DEV-4, IDN-9).
  const presented = [developer, ...others];
  if (current) {
    const owner = ownerOfIdentifier(state, data, provider, identifier);
    // DEV-6
    if (owner && owner.id !== current.id) return [state, fail(modelError("DeveloperUserAlreadyRegisteredException", messages.developerUserAlreadyRegistered()))];
    // DEV-7: the developer's signed call vouches for developer identifiers, not for other providers' logins.
    const vouched = current.logins.every((l) => l.provider === provider);
    const identity = current;
    if (!vouched && !presented.some((l) => ownsLogin(identity, l))) {
      return [state, fail(modelError("NotAuthorizedException", messages.loginsDontMatch()))];
    }
  }
  // DEV-11
  const linked = linkLogins(state, pool, data, current, presented, ctx.now, { limitError: "ResourceConflictException" });
  if (isModelError(linked)) return [state, fail(linked)];
  const [next, identity] = linked;
  // DEV-10: `authenticated`, then each login's entries in the map's order.
  const byProvider = new Map(presented.map((l) => [l.provider, l] as const));
  const amr = ["authenticated", ...Object.keys(logins).flatMap((key) => byProvider.get(key)?.amr ?? [])];
  const extraClaims = sessionTags(input.PrincipalTags);
  const token = openIdToken(state.config, {
    identityId: identity.id,
    poolId: pool.id,
    account: data.account,
    region: data.region,
    amr,
    ...(extraClaims ? { extraClaims } : {}),
    issuedAt: Math.floor(ctx.now / 1000),
    // DEV-8
    lifetimeSeconds: Math.trunc(input.TokenDuration ?? state.config.tokens.developerTokenSeconds),
  });
  return [next, ok({ IdentityId: identity.id, Token: token })];
}

const lookupScope = (ctx: Context, poolId: string, identityId: string) =>
  `LookupDeveloperIdentity|${ctx.account}|${ctx.region}|${poolId}|${identityId}`;

export function lookupDeveloperIdentity(
  state: State,
  ctx: Context,
  input: LookupDeveloperIdentityInput,
): [State, Result<LookupDeveloperIdentityResponse>] {
  const identityId = input.IdentityId ?? undefined;
  const identifier = input.DeveloperUserIdentifier ?? undefined;
  // DEV-13
  if (identityId === undefined && identifier === undefined) {
    return [state, fail(modelError("InvalidParameterException", messages.lookupNeedsIdentifier()))];
  }
  const scope = developerScope(state, ctx, input.IdentityPoolId!);
  if (isModelError(scope)) return [state, fail(scope)];
  const { pool, data, provider } = scope;
  // DEV-14
  let identity: Identity | undefined;
  if (identityId !== undefined) {
    const found = identityOfPool(state, ctx, data, identityId);
    if (isModelError(found)) return [state, fail(found)];
    identity = found.identity;
  }
  if (identifier !== undefined) {
    const owner = ownerOfIdentifier(state, data, provider, identifier);
    // DEV-16
    if (identity && owner?.id !== identity.id) {
      return [state, fail(modelError("ResourceConflictException", messages.developerUserMismatch(identifier, identity.id)))];
    }
    // DEV-15
    if (!owner) return [state, fail(modelError("ResourceNotFoundException", messages.developerUserNotFound(identifier)))];
    identity = owner;
  }
  // DEV-17: every identifier of the identity, in UTF-16 code-unit order; a token names the last one listed.
  const found = identity!;
  const tokenScope = lookupScope(ctx, pool.id, found.id);
  let after: string | undefined;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    after = decodeKeyToken(state.config.seed, tokenScope, input.NextToken);
    if (after === undefined) return [state, fail(modelError("InvalidParameterException", messages.invalidNextToken()))];
  }
  const all = found.logins.filter((l) => l.provider === provider).map((l) => l.subject).sort();
  const rest = after === undefined ? all : all.filter((s) => s > after);
  const page = rest.slice(0, Math.trunc(input.MaxResults ?? DEFAULT_LOOKUP_RESULTS));
  const output: LookupDeveloperIdentityResponse = { IdentityId: found.id, DeveloperUserIdentifierList: page };
  if (rest.length > page.length) output.NextToken = encodeKeyToken(state.config.seed, tokenScope, page[page.length - 1]!);
  return [state, ok(output)];
}

export function mergeDeveloperIdentities(
  state: State,
  ctx: Context,
  input: MergeDeveloperIdentitiesInput,
): [State, Result<MergeDeveloperIdentitiesResponse>] {
  const scope = developerScope(state, ctx, input.IdentityPoolId!, input.DeveloperProviderName!);
  if (isModelError(scope)) return [state, fail(scope)];
  const { pool, data } = scope;
  const provider = input.DeveloperProviderName!;
  // DEV-19
  const source = ownerOfIdentifier(state, data, provider, input.SourceUserIdentifier!);
  if (!source) return [state, fail(modelError("ResourceNotFoundException", messages.developerUserNotFound(input.SourceUserIdentifier!)))];
  const destination = ownerOfIdentifier(state, data, provider, input.DestinationUserIdentifier!);
  if (!destination) {
    return [state, fail(modelError("ResourceNotFoundException", messages.developerUserNotFound(input.DestinationUserIdentifier!)))];
  }
  // DEV-20
  if (source.id === destination.id) return [state, ok({ IdentityId: destination.id })];
  // DEV-20, DEV-21: the destination's login presented for the source's identity merges the source's into it (IDN-9).
  const linked = linkLogins(state, pool, data, source, [developerLogin(pool, provider, input.DestinationUserIdentifier!)], ctx.now, {
    limitError: "InvalidParameterException",
  });
  if (isModelError(linked)) return [state, fail(linked)];
  return [linked[0], ok({ IdentityId: linked[1].id })];
}

export function unlinkDeveloperIdentity(
  state: State,
  ctx: Context,
  input: UnlinkDeveloperIdentityInput,
): [State, Result<Record<string, never>>] {
  const scope = developerScope(state, ctx, input.IdentityPoolId!, input.DeveloperProviderName!);
  if (isModelError(scope)) return [state, fail(scope)];
  const { data } = scope;
  const found = identityOfPool(state, ctx, data, input.IdentityId!);
  if (isModelError(found)) return [state, fail(found)];
  const login: LinkedLogin = { provider: input.DeveloperProviderName!, subject: input.DeveloperUserIdentifier! };
  // DEV-23
  const owner = ownerOf(state, data, login);
  if (!owner) return [state, fail(modelError("ResourceNotFoundException", messages.developerUserNotFound(login.subject)))];
  if (owner.id !== found.identity.id) {
    return [state, fail(modelError("ResourceConflictException", messages.developerUserMismatch(login.subject, found.identity.id)))];
  }
  // DEV-24
  return [unlinkLogins(state, data, found.identity, [login], ctx.now), ok({})];
}
