// GetOpenIdToken and GetCredentialsForIdentity (rules OIDC-n and CRED-n), and what issued credentials
// stand for (CRED-12).
import type {
  GetCredentialsForIdentityInput,
  GetCredentialsForIdentityResponse,
  GetOpenIdTokenInput,
  GetOpenIdTokenResponse,
} from "@aws-sdk/client-cognito-identity";
import { messages, modelError, type ErrorType, type ModelError } from "../errors.js";
import { isAuthenticated, type Identity, type IssuedCredentials, type PoolData } from "../identity-state.js";
import { nextCredentials } from "../keygen.js";
import { checkLogins, type CheckedLogin } from "../logins.js";
import type { Pool, State } from "../state.js";
import { openIdToken, SESSION_TAGS_CLAIM } from "../tokens.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { trustRefusal } from "../iam/trust.js";
import { isModelError } from "./common.js";
import { findIdentity, publicRegion } from "./identity-common.js";
import { linkLogins, ownsLogin } from "./linking.js";
import { principalTagsFor } from "./principal-tags.js";
import { chooseRole } from "./roles.js";
import { sessionArnOf } from "./sts.js";

interface Authorized {
  state: State;
  data: PoolData;
  identity: Identity;
  logins: CheckedLogin[];
}

const notAuthorized = (message: string) => modelError("NotAuthorizedException", message);

/**
 * IDN-5..IDN-11 for the calls that name an identity: who may use it, and the links and merges the
 * presented logins cause. The identity answered may differ from the one asked for (a merge).
 */
function authorize(
  state: State,
  ctx: Context,
  identityId: string,
  logins: Record<string, string> | undefined,
  allowOpenIdToken: boolean,
  limitError: ErrorType,
  flowAllowed: (pool: Pool, data: PoolData) => ModelError | undefined = () => undefined,
): Authorized | ModelError {
  const found = findIdentity(state, identityId, { region: publicRegion(ctx, identityId) });
  if (isModelError(found)) return found;
  const { pool, data, identity } = found;
  const refused = flowAllowed(pool, data);
  if (refused) return refused;
  if (identity.disabled) return notAuthorized(messages.identityForbidden(identity.id));
  const presented = logins ?? {};
  if (Object.keys(presented).length === 0) {
    if (isAuthenticated(identity)) return notAuthorized(messages.loginsDontMatch());
    if (!pool.allowUnauthenticated) return notAuthorized(messages.unauthenticatedNotSupported());
    return { state, data, identity, logins: [] };
  }
  const checked = checkLogins(state.config, pool, presented, ctx.now, allowOpenIdToken);
  if (isModelError(checked)) return checked;
  // CRED-3: an OpenID token proves only the identity it was issued for.
  if (checked.some((l) => l.kind === "openid" && l.subject !== identity.id)) return notAuthorized(messages.loginsDontMatch());
  if (isAuthenticated(identity) && !checked.some((l) => l.kind === "openid" || ownsLogin(identity, l))) {
    return notAuthorized(messages.loginsDontMatch());
  }
  const linked = linkLogins(state, pool, data, identity, checked, ctx.now, { limitError });
  if (isModelError(linked)) return linked;
  const [next, survivor] = linked;
  if (!isAuthenticated(survivor) && !pool.allowUnauthenticated) return notAuthorized(messages.unauthenticatedNotSupported());
  return { state: next, data: next.poolData.get(data.key) ?? data, identity: survivor, logins: checked };
}

/** OIDC-4: the `amr` of a token for this identity, and of the request to STS behind its credentials (IAM-10). */
const amrOf = (identity: Identity, logins: CheckedLogin[]): string[] =>
  isAuthenticated(identity) ? ["authenticated", ...logins.flatMap((l) => l.amr)] : ["unauthenticated"];

/**
 * OIDC-8, OIDC-9: GetOpenIdToken is the basic (classic) flow's first step, refused by a pool that
 * disabled that flow, and by a pool with role mappings, which only the enhanced flow applies.
 */
function basicFlowAllowed(pool: Pool, data: PoolData): ModelError | undefined {
  if (pool.allowClassicFlow === false) return modelError("InvalidParameterException", messages.basicFlowDisabled());
  if (Object.keys(data.roleMappings).length > 0) return modelError("InvalidParameterException", messages.basicFlowWithRoleMappings());
  return undefined;
}

export function getOpenIdToken(state: State, ctx: Context, input: GetOpenIdTokenInput): [State, Result<GetOpenIdTokenResponse>] {
  const auth = authorize(state, ctx, input.IdentityId!, input.Logins, true, "ResourceConflictException", basicFlowAllowed);
  if (isModelError(auth)) return [state, fail(auth)];
  const { data, identity } = auth;
  const amr = amrOf(identity, auth.logins);
  // DEV-12: a developer token passed on keeps its session tags.
  const tags = auth.logins.find((l) => l.kind === "openid" && l.claims[SESSION_TAGS_CLAIM] !== undefined)?.claims[SESSION_TAGS_CLAIM];
  const token = openIdToken(state.config, {
    identityId: identity.id,
    poolId: data.poolId,
    account: data.account,
    region: data.region,
    amr,
    ...(tags === undefined ? {} : { extraClaims: { [SESSION_TAGS_CLAIM]: tags } }),
    issuedAt: Math.floor(ctx.now / 1000),
    lifetimeSeconds: state.config.tokens.openIdTokenSeconds,
  });
  return [auth.state, ok({ IdentityId: identity.id, Token: token })];
}

export function getCredentialsForIdentity(
  state: State,
  ctx: Context,
  input: GetCredentialsForIdentityInput,
): [State, Result<GetCredentialsForIdentityResponse>] {
  const auth = authorize(state, ctx, input.IdentityId!, input.Logins, true, "ResourceConflictException");
  if (isModelError(auth)) return [state, fail(auth)];
  const { data, identity, logins } = auth;
  const authenticated = isAuthenticated(identity);
  const role = chooseRole(data, authenticated, logins, input.CustomRoleArn ?? undefined);
  if (isModelError(role)) return [state, fail(role)];
  const principalTags = authenticated ? principalTagsFor(data, logins) : {};
  // IAM-9: the role must trust this pool's identity (and allow tagging when the session has tags).
  const refused = trustRefusal(state.config.iam, {
    roleArn: role.roleArn,
    poolId: data.poolId,
    identityId: identity.id,
    amr: amrOf(identity, logins),
    sessionTags: principalTags,
    now: ctx.now,
  });
  if (refused) return [state, fail(modelError("InvalidIdentityPoolConfigurationException", messages.invalidPoolConfiguration()))];
  const [strings, ids] = nextCredentials(auth.state.ids);
  const expiration = ctx.now + state.config.tokens.credentialsSeconds * 1000;
  const issued: IssuedCredentials = {
    accessKeyId: strings.accessKeyId,
    roleArn: role.roleArn,
    identityId: identity.id,
    identityPoolId: data.poolId,
    ...(role.login ? { provider: role.login.provider } : {}),
    principalTags,
    expiration,
  };
  const next: State = { ...auth.state, ids, credentials: auth.state.credentials.issue(issued, ctx.now, ids.seed) };
  return [
    next,
    ok({
      IdentityId: identity.id,
      Credentials: {
        AccessKeyId: strings.accessKeyId,
        SecretKey: strings.secretKey,
        SessionToken: strings.sessionToken,
        Expiration: new Date(expiration),
      },
    }),
  ];
}

/** What credentials stand for, as `describeCredentials` and `GET /_model/credentials/<AccessKeyId>` show it. */
export interface CredentialsDescription {
  roleArn: string;
  identityId: string;
  identityPoolId: string;
  /** The Logins key whose login decided the role; absent for unauthenticated credentials. */
  provider?: string;
  principalTags: Record<string, string>;
  expiration: Date;
  /** STS-8: the assumed-role session these credentials are, as GetCallerIdentity names it. */
  assumedRoleArn: string;
  /** STS-8: the operation that issued them. */
  issuedBy: "GetCredentialsForIdentity" | "AssumeRoleWithWebIdentity";
}

/** CRED-12: the role, identity, provider and principal tags behind an access key id this model issued. */
export function describeCredentials(state: State, accessKeyId: string): CredentialsDescription | undefined {
  const issued = state.credentials.get(accessKeyId);
  if (!issued) return undefined;
  return {
    roleArn: issued.roleArn,
    identityId: issued.identityId,
    identityPoolId: issued.identityPoolId,
    ...(issued.provider === undefined ? {} : { provider: issued.provider }),
    principalTags: { ...issued.principalTags },
    expiration: new Date(issued.expiration),
    assumedRoleArn: sessionArnOf(issued),
    issuedBy: issued.sessionName === undefined ? "GetCredentialsForIdentity" : "AssumeRoleWithWebIdentity",
  };
}
