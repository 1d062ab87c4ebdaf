// Rules IAM-8..IAM-12: the roles that credentials come from must trust the identity (spec/iam.md),
// in the enhanced flow (GetCredentialsForIdentity) and the basic flow (AssumeRoleWithWebIdentity).
import { describe, expect, it } from "vitest";
import { describeCredentials, parseRoles, step, webIdentityContext, type Context, type Result, type State } from "../../../src/model/index.js";
import { ctx, expectError, fresh, NOW, okOutput, run } from "../helpers.js";
import { AUTH_ROLE, FACEBOOK, getId, GOOGLE, login, providerPool, setRoles, UNAUTH_ROLE, USER_POOL } from "../identity-helpers.js";
import { dgPolicy, role } from "./trust-fixtures.js";

const INVALID_CONFIG = "Invalid identity pool configuration. Check assigned IAM roles for this pool.";

/** The state with these roles registered (as `createFake({ iamRoles })` does), strict or not. */
function withRoles(state: State, roles: unknown[], strict = false): State {
  const parsed = parseRoles(roles);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { ...state, config: { ...state.config, iam: { roles: parsed.value, strict } } };
}

/** A pool with default roles, and its id. */
function pool(): [State, string] {
  const [s0, poolId] = providerPool(fresh());
  return [setRoles(s0, poolId), poolId];
}

const credentials = (state: State, identityId: string, logins?: Record<string, string>) =>
  run(state, "GetCredentialsForIdentity", { IdentityId: identityId, ...(logins ? { Logins: logins } : {}) });

/** GetCredentialsForIdentity refused with AWS's answer, the state untouched. */
function refused(state: State, identityId: string, logins?: Record<string, string>): void {
  const [next, result] = credentials(state, identityId, logins);
  expectError(result, "InvalidIdentityPoolConfigurationException", INVALID_CONFIG);
  expect(next).toBe(state);
}

const granted = (state: State, identityId: string, logins?: Record<string, string>) => okOutput<{ Credentials: { AccessKeyId: string } }>(credentials(state, identityId, logins)[1]);

describe("the enhanced flow: GetCredentialsForIdentity", () => {
  it("IAM-9: the Developer Guide's unauthenticated-role policy, naming the pool, gives guests credentials", () => {
    const [s0, poolId] = pool();
    const s1 = withRoles(s0, [role("unauthenticated", dgPolicy(poolId, "unauthenticated"))]);
    const [s2, guest] = getId(s1, poolId);
    const key = granted(s2, guest).Credentials.AccessKeyId;
    expect(describeCredentials(credentials(s2, guest)[0], key)).toMatchObject({ roleArn: UNAUTH_ROLE, identityId: guest });
  });

  it("IAM-9: a policy naming another pool refuses the pool's identities (InvalidIdentityPoolConfigurationException)", () => {
    const [s0, poolId] = pool();
    const s1 = withRoles(s0, [role("unauthenticated", dgPolicy("us-east-1:00000000-0000-4000-8000-000000000000", "unauthenticated"))]);
    const [s2, guest] = getId(s1, poolId);
    refused(s2, guest);
  });

  it("IAM-9: the amr condition: an authenticated role's policy refuses guests, a Facebook-only one refuses Google users", () => {
    const [s0, poolId] = pool();
    const swapped = withRoles(s0, [role("unauthenticated", dgPolicy(poolId, "authenticated"))]);
    const [s1, guest] = getId(swapped, poolId);
    refused(s1, guest);

    const facebookOnly = withRoles(s0, [role("authenticated", dgPolicy(poolId, FACEBOOK))]);
    const fb = login(FACEBOOK, "f1");
    const [s2, fbUser] = getId(facebookOnly, poolId, fb);
    granted(s2, fbUser, fb);
    const google = login(GOOGLE, "g1");
    const [s3, googleUser] = getId(facebookOnly, poolId, google);
    refused(s3, googleUser, google);
  });

  it("IAM-9: a role chosen by a role-mapping rule is held to its own trust policy", () => {
    const [s0, poolId] = providerPool(fresh());
    const other = "arn:aws:iam::123456789012:role/other";
    const mapped = setRoles(s0, poolId, {
      RoleMappings: {
        [FACEBOOK]: { Type: "Rules", AmbiguousRoleResolution: "AuthenticatedRole", RulesConfiguration: { Rules: [{ Claim: "sub", MatchType: "Equals", Value: "f1", RoleARN: other }] } },
      },
    });
    const s1 = withRoles(mapped, [role("authenticated", dgPolicy(poolId, "authenticated")), role("other", dgPolicy("us-east-1:00000000-0000-4000-8000-000000000000", "authenticated"))]);
    const f1 = login(FACEBOOK, "f1");
    const [s2, user1] = getId(s1, poolId, f1);
    refused(s2, user1, f1);
    const f2 = login(FACEBOOK, "f2");
    const [s3, user2] = getId(s1, poolId, f2);
    granted(s3, user2, f2);
  });

  it("IAM-11: principal tags need sts:TagSession in the trust policy as well", () => {
    const [s0, poolId] = pool();
    const [s1] = run(s0, "SetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: USER_POOL, UseDefaults: true });
    const user = login(USER_POOL, "alice");
    const without = withRoles(s1, [role("authenticated", dgPolicy(poolId, "authenticated"))]);
    const [s2, alice] = getId(without, poolId, user);
    refused(s2, alice, user);
    const withTagSession = withRoles(s1, [role("authenticated", dgPolicy(poolId, "authenticated", ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]))]);
    const [s3, alice2] = getId(withTagSession, poolId, user);
    const [s4, result] = credentials(s3, alice2, user);
    const key = okOutput<{ Credentials: { AccessKeyId: string } }>(result).Credentials.AccessKeyId;
    expect(describeCredentials(s4, key)!.principalTags).toEqual({ username: "alice", client: "client1" });
    // Without tags on the session, TagSession is not asked for.
    const fb = login(FACEBOOK, "f1");
    const [s5, fbUser] = getId(without, poolId, fb);
    granted(s5, fbUser, fb);
  });

  it("IAM-11: a tag condition in the trust policy sees the session's tags as aws:RequestTag and aws:TagKeys", () => {
    const [s0, poolId] = pool();
    const [s1] = run(s0, "SetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: USER_POOL, UseDefaults: true });
    const policy = dgPolicy(poolId, "authenticated", ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]);
    const tagged = (condition: Record<string, unknown>) => {
      const statement = { ...policy.Statement[0]!, Condition: { ...policy.Statement[0]!.Condition, ...condition } };
      return withRoles(s1, [role("authenticated", { ...policy, Statement: [statement] })]);
    };
    const user = login(USER_POOL, "alice");
    const [s2, alice] = getId(tagged({ StringEquals: { "cognito-identity.amazonaws.com:aud": poolId, "aws:RequestTag/username": "alice" } }), poolId, user);
    granted(s2, alice, user);
    const [s3, bob] = getId(tagged({ StringEquals: { "cognito-identity.amazonaws.com:aud": poolId, "aws:RequestTag/username": "bob" } }), poolId, user);
    refused(s3, bob, user);
    const [s4, carol] = getId(tagged({ "ForAllValues:StringEquals": { "aws:TagKeys": ["username"] } }), poolId, user);
    refused(s4, carol, user);
  });

  it("IAM-8: unregistered roles behave as before; a strict registry refuses them", () => {
    const [s0, poolId] = pool();
    const lenient = withRoles(s0, [role("elsewhere", dgPolicy(poolId, "unauthenticated"))]);
    const [s1, guest] = getId(lenient, poolId);
    granted(s1, guest);
    const strict = withRoles(s0, [role("elsewhere", dgPolicy(poolId, "unauthenticated"))], true);
    const [s2, guest2] = getId(strict, poolId);
    refused(s2, guest2);
    const [s3, guest3] = getId(withRoles(s0, [role("unauthenticated", dgPolicy(poolId, "unauthenticated"))], true), poolId);
    granted(s3, guest3);
  });
});

const ROLE_ARN = (name: string, account = "123456789012") => `arn:aws:iam::${account}:role/${name}`;
const sts = (state: State, input: Record<string, unknown>, context: Context = ctx): [State, Result] =>
  step(state, { service: "sts", op: "AssumeRoleWithWebIdentity", input: { RoleSessionName: "web", ...input }, context });

/** A guest identity of a new pool and an OpenID token for it. */
function guestToken(): [State, string, string] {
  const [s0, poolId] = providerPool(fresh());
  const [s1, id] = getId(s0, poolId);
  const [s2, result] = run(s1, "GetOpenIdToken", { IdentityId: id });
  return [s2, poolId, okOutput<{ Token: string }>(result).Token];
}

describe("the basic flow: AssumeRoleWithWebIdentity", () => {
  it("IAM-9: a registered role must trust the token: AccessDenied 'Not authorized to perform sts:AssumeRoleWithWebIdentity'", () => {
    const [s0, poolId, token] = guestToken();
    const trusting = withRoles(s0, [role("basic", dgPolicy(poolId, "unauthenticated"))]);
    okOutput(sts(trusting, { RoleArn: ROLE_ARN("basic"), WebIdentityToken: token })[1]);
    const other = withRoles(s0, [role("basic", dgPolicy("us-east-1:00000000-0000-4000-8000-000000000000", "unauthenticated"))]);
    const [s1, result] = sts(other, { RoleArn: ROLE_ARN("basic"), WebIdentityToken: token });
    expectError(result, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(s1).toBe(other);
    const strict = withRoles(s0, [], true);
    expectError(sts(strict, { RoleArn: ROLE_ARN("basic"), WebIdentityToken: token })[1], "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
  });

  it("IAM-11: a developer token's session tags need sts:TagSession: 'Not authorized to perform sts:TagSession'", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, dev] = run(s0, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: poolId, Logins: { "login.mycompany": "alice" }, PrincipalTags: { tenant: "acme" } });
    const token = okOutput<{ Token: string }>(dev).Token;
    const without = withRoles(s1, [role("basic", dgPolicy(poolId, "authenticated"))]);
    expectError(sts(without, { RoleArn: ROLE_ARN("basic"), WebIdentityToken: token })[1], "AccessDenied", "Not authorized to perform sts:TagSession");
    const withTagSession = withRoles(s1, [role("basic", dgPolicy(poolId, "authenticated", ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]))]);
    okOutput(sts(withTagSession, { RoleArn: ROLE_ARN("basic"), WebIdentityToken: token })[1]);
  });

  it("IAM-12: across accounts the allowing statement must test both aud and amr", () => {
    const [s0, poolId, token] = guestToken();
    const audOnly = { ...dgPolicy(poolId, "unauthenticated") };
    audOnly.Statement = [{ ...audOnly.Statement[0]!, Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": poolId } } as never }];
    const foreign = "210987654321";
    const s1 = withRoles(s0, [role("aud-only", audOnly, foreign), role("both", dgPolicy(poolId, "unauthenticated"), foreign), role("aud-only", audOnly)]);
    expectError(sts(s1, { RoleArn: ROLE_ARN("aud-only", foreign), WebIdentityToken: token })[1], "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    okOutput(sts(s1, { RoleArn: ROLE_ARN("both", foreign), WebIdentityToken: token })[1]);
    okOutput(sts(s1, { RoleArn: ROLE_ARN("aud-only"), WebIdentityToken: token })[1]);
  });

  it("STS-9: DurationSeconds up to the registered role's MaxSessionDuration", () => {
    const [s0, poolId, token] = guestToken();
    const s1 = withRoles(s0, [{ ...role("long", dgPolicy(poolId, "unauthenticated")), MaxSessionDuration: 7200 }]);
    const [, long] = sts(s1, { RoleArn: ROLE_ARN("long"), WebIdentityToken: token, DurationSeconds: 7200 });
    expect(okOutput<{ Credentials: { Expiration: Date } }>(long).Credentials.Expiration).toEqual(new Date(NOW + 7_200_000));
    expectError(sts(s1, { RoleArn: ROLE_ARN("long"), WebIdentityToken: token, DurationSeconds: 7201 })[1], "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    expectError(sts(s1, { RoleArn: ROLE_ARN("unregistered"), WebIdentityToken: token, DurationSeconds: 3601 })[1], "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  });
});

describe("the request context", () => {
  it("IAM-10: aud, sub and amr from the token; aws:CurrentTime and aws:EpochTime from the command; tags only when there are some", () => {
    const base = { roleArn: AUTH_ROLE, poolId: "p", identityId: "i", amr: ["authenticated", FACEBOOK], sessionTags: {}, now: NOW + 123 };
    expect(webIdentityContext(base)).toEqual({
      "cognito-identity.amazonaws.com:aud": "p",
      "cognito-identity.amazonaws.com:sub": "i",
      "cognito-identity.amazonaws.com:amr": ["authenticated", FACEBOOK],
      "aws:currenttime": "2023-11-14T22:13:20Z",
      "aws:epochtime": "1700000000",
    });
    expect(webIdentityContext({ ...base, sessionTags: { Team: "a", env: "b" } })).toMatchObject({
      "aws:requesttag/team": "a",
      "aws:requesttag/env": "b",
      "aws:tagkeys": ["Team", "env"],
    });
  });
});
