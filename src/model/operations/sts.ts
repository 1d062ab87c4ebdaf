// STS, the end of the basic (classic) flow (spec/sts.md, rules STS-n): AssumeRoleWithWebIdentity
// takes an OpenID token this model issued and gives credentials for a role; GetCallerIdentity says
// who the caller's credentials stand for. Same state, clock and ids as the Cognito Identity families.
import { parseRoleArn, partitionOf } from "../arn.js";
import { messages, modelError, type ModelError } from "../errors.js";
import { fnv1a, mix32 } from "../hash.js";
import type { IssuedCredentials } from "../identity-state.js";
import { nextCredentials } from "../keygen.js";
import { stsOperationSpec, stsShapes } from "../shapes.js";
import type { State } from "../state.js";
import { OPENID_ISSUER, OPENID_PROVIDER, SESSION_TAGS_CLAIM, verifiedOpenIdClaims } from "../tokens.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { decodeJwt } from "../jwt.js";
import { DEFAULT_MAX_SESSION_DURATION, registeredRole } from "../iam/roles.js";
import { trustRefusal } from "../iam/trust.js";
import { modeledInput, validateInput } from "../validate.js";

export const stsOperationNames = ["AssumeRoleWithWebIdentity", "GetCallerIdentity"] as const;
export type StsOperationName = (typeof stsOperationNames)[number];

export interface AssumeRoleWithWebIdentityInput {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  ProviderId?: string;
  PolicyArns?: { arn?: string }[];
  Policy?: string;
  DurationSeconds?: number;
}

export interface AssumeRoleWithWebIdentityOutput {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
  SubjectFromWebIdentityToken: string;
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
  Provider: string;
  Audience: string;
}

export interface GetCallerIdentityOutput {
  UserId: string;
  Account: string;
  Arn: string;
}

/** STS-8: the session name of the credentials GetCredentialsForIdentity issues. */
export const COGNITO_SESSION_NAME = "CognitoIdentityCredentials";
const DEFAULT_DURATION_SECONDS = 3600;

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** STS-7: a role's unique id, `AROA` + 17 characters, the same for the same role ARN. */
export function roleIdOf(roleArn: string): string {
  let out = "AROA";
  let h = fnv1a(roleArn);
  for (let i = 0; i < 17; i++) {
    h = mix32(h ^ (i + 1));
    out += ID_ALPHABET[h % 32];
  }
  return out;
}

export const assumedRoleArn = (role: { partition: string; account: string; name: string }, session: string) =>
  `arn:${role.partition}:sts::${role.account}:assumed-role/${role.name}/${session}`;

function stsValidate(op: StsOperationName, input: unknown): ModelError | undefined {
  const invalid = validateInput(stsOperationSpec(op)!.input!.shape, input, stsShapes);
  // STS-3: STS names its validation failures ValidationError, in the same words.
  return invalid && { ...invalid, type: invalid.type === "ValidationException" ? "ValidationError" : invalid.type };
}

/** STS-6..STS-9 */
export function assumeRoleWithWebIdentity(state: State, ctx: Context, raw: unknown): [State, Result<AssumeRoleWithWebIdentityOutput>] {
  const invalid = stsValidate("AssumeRoleWithWebIdentity", raw);
  if (invalid) return [state, fail(invalid)];
  const input = modeledInput("AssumeRoleWithWebIdentityRequest", raw, stsShapes) as AssumeRoleWithWebIdentityInput;
  const role = parseRoleArn(input.RoleArn);
  if (!role) return [state, fail(modelError("ValidationError", messages.stsInvalidRoleArn()))];
  // STS-6: the token must be one of this model's OpenID tokens, signed by its key and not expired.
  const jwt = decodeJwt(input.WebIdentityToken);
  if (!jwt) return [state, fail(modelError("InvalidIdentityToken", messages.stsMalformedToken()))];
  const claims = verifiedOpenIdClaims(state.config, input.WebIdentityToken);
  if (!claims) {
    const iss = jwt.payload.iss;
    return [state, fail(modelError("InvalidIdentityToken", typeof iss === "string" && iss !== "" && iss !== OPENID_ISSUER ? messages.stsNoProvider(iss) : messages.stsBadSignature()))];
  }
  const nowSeconds = Math.floor(ctx.now / 1000);
  const exp = typeof claims.exp === "number" ? claims.exp : 0;
  if (nowSeconds >= exp) return [state, fail(modelError("ExpiredTokenException", messages.stsTokenExpired(nowSeconds, exp)))];
  const sub = String(claims.sub);
  const aud = String(claims.aud);
  const tags = (claims[SESSION_TAGS_CLAIM] as { principal_tags?: Record<string, unknown> } | undefined)?.principal_tags ?? {};
  const principalTags = Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v)]));
  // IAM-11: a registered role must trust the token (and allow tagging when it carries session tags).
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === "string") : [];
  // IAM-12: the pool's account, from the identity the token is for (unknown once that is deleted).
  const identity = state.identities.get(sub);
  const poolAccount = identity && state.poolData.get(identity.pool)?.account;
  const crossAccount = poolAccount !== undefined && poolAccount !== role.account;
  const refused = trustRefusal(state.config.iam, { roleArn: input.RoleArn, poolId: aud, identityId: sub, amr, sessionTags: principalTags, now: ctx.now, crossAccount });
  if (refused) return [state, fail(modelError("AccessDenied", messages.stsNotAuthorized(refused.action)))];
  // STS-9: no longer than the role allows (IAM's default when the role is not registered).
  const duration = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
  const maxDuration = registeredRole(state.config.iam, input.RoleArn)?.role.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION;
  if (duration > maxDuration) return [state, fail(modelError("ValidationError", messages.stsDurationExceedsMax()))];

  const [strings, ids] = nextCredentials(state.ids);
  const expiration = ctx.now + duration * 1000;
  const issued: IssuedCredentials = {
    accessKeyId: strings.accessKeyId,
    roleArn: input.RoleArn,
    identityId: sub,
    identityPoolId: aud,
    principalTags,
    expiration,
    sessionName: input.RoleSessionName,
  };
  const next: State = { ...state, ids, credentials: state.credentials.issue(issued, ctx.now, ids.seed) };
  return [
    next,
    ok({
      Credentials: { AccessKeyId: strings.accessKeyId, SecretAccessKey: strings.secretKey, SessionToken: strings.sessionToken, Expiration: new Date(expiration) },
      SubjectFromWebIdentityToken: sub,
      AssumedRoleUser: { AssumedRoleId: `${roleIdOf(input.RoleArn)}:${input.RoleSessionName}`, Arn: assumedRoleArn(role, input.RoleSessionName) },
      Provider: OPENID_PROVIDER,
      Audience: aud,
    }),
  ];
}

/** STS-10: who the caller is: an assumed role for credentials this model issued, else the account. */
export function getCallerIdentity(state: State, ctx: Context, raw: unknown): [State, Result<GetCallerIdentityOutput>] {
  const invalid = stsValidate("GetCallerIdentity", raw);
  if (invalid) return [state, fail(invalid)];
  const issued = ctx.accessKeyId === undefined ? undefined : state.credentials.get(ctx.accessKeyId);
  if (!issued) {
    // CRED-14: forgotten credentials had expired, and still have.
    if (ctx.accessKeyId !== undefined && state.credentials.forgot(ctx.accessKeyId, state.ids.seed)) {
      return [state, fail(modelError("ExpiredToken", messages.stsCredentialsExpired()))];
    }
    const partition = partitionOf(ctx.region);
    return [state, ok({ UserId: ctx.account, Account: ctx.account, Arn: `arn:${partition}:iam::${ctx.account}:root` })];
  }
  if (ctx.now >= issued.expiration) return [state, fail(modelError("ExpiredToken", messages.stsCredentialsExpired()))];
  const session = issued.sessionName ?? COGNITO_SESSION_NAME;
  return [state, ok({ UserId: `${roleIdOf(issued.roleArn)}:${session}`, Account: roleOf(issued).account, Arn: sessionArnOf(issued) })];
}

/** A role ARN as stored (CRED-9 made sure it has the form), read for its parts. */
function roleOf(issued: IssuedCredentials): { partition: string; account: string; name: string } {
  const arn = issued.roleArn;
  return parseRoleArn(arn) ?? { partition: arn.split(":")[1] ?? "aws", account: arn.split(":")[4] ?? "", name: arn.slice(arn.lastIndexOf("/") + 1) };
}

/** STS-8: the assumed-role ARN of issued credentials: their session, or Cognito's for the enhanced flow. */
export const sessionArnOf = (issued: IssuedCredentials): string => assumedRoleArn(roleOf(issued), issued.sessionName ?? COGNITO_SESSION_NAME);

export function stsStep(state: State, ctx: Context, op: string, input: unknown): [State, Result] {
  if (op === "AssumeRoleWithWebIdentity") return assumeRoleWithWebIdentity(state, ctx, input);
  if (op === "GetCallerIdentity") return getCallerIdentity(state, ctx, input);
  return [state, fail(modelError("InvalidAction", messages.stsUnknownAction(op)))];
}
