// Rules STS-n: AssumeRoleWithWebIdentity and GetCallerIdentity in the pure model (spec/sts.md).
import { describe, expect, it } from "vitest";
import { describeCredentials, step, type Context, type Result, type State } from "../../src/model/index.js";
import { roleIdOf } from "../../src/model/operations/sts.js";
import { stsService } from "../../src/model/shapes.js";
import { at, ctx, expectError, fresh, NOW, okOutput, run } from "./helpers.js";
import { getId, providerPool, setRoles, UNAUTH_ROLE } from "./identity-helpers.js";

const ROLE = "arn:aws:iam::210987654321:role/path/to/Basic_Role";

const sts = (state: State, op: string, input: unknown, context: Context = ctx): [State, Result] => step(state, { service: "sts", op, input, context });

/** A guest identity and an OpenID token for it. */
function guestToken(): [State, string, string, string] {
  const [s0, poolId] = providerPool(fresh());
  const [s1, id] = getId(s0, poolId);
  const [s2, result] = run(s1, "GetOpenIdToken", { IdentityId: id });
  return [s2, poolId, id, okOutput<{ Token: string }>(result).Token];
}

const assume = (state: State, token: string, extra: Record<string, unknown> = {}, context: Context = ctx) =>
  sts(state, "AssumeRoleWithWebIdentity", { RoleArn: ROLE, RoleSessionName: "web", WebIdentityToken: token, ...extra }, context);

describe("AssumeRoleWithWebIdentity", () => {
  it("STS-6: an OpenID token of this model gives credentials for the role, the session and the token's subject", () => {
    const [s0, poolId, id, token] = guestToken();
    const [s1, result] = assume(s0, token);
    const out = okOutput<{
      Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
      SubjectFromWebIdentityToken: string;
      AssumedRoleUser: { AssumedRoleId: string; Arn: string };
      Provider: string;
      Audience: string;
    }>(result);
    expect(out.SubjectFromWebIdentityToken).toBe(id);
    expect(out.Audience).toBe(poolId);
    expect(out.Provider).toBe("cognito-identity.amazonaws.com");
    expect(out.AssumedRoleUser).toEqual({ AssumedRoleId: `${roleIdOf(ROLE)}:web`, Arn: "arn:aws:sts::210987654321:assumed-role/Basic_Role/web" });
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials.Expiration).toEqual(new Date(NOW + 3_600_000));
    expect(describeCredentials(s1, out.Credentials.AccessKeyId)).toMatchObject({
      roleArn: ROLE,
      identityId: id,
      identityPoolId: poolId,
      assumedRoleArn: out.AssumedRoleUser.Arn,
      issuedBy: "AssumeRoleWithWebIdentity",
    });
  });

  it("STS-7: a role's id is AROA and 17 characters, the same for the same ARN, another for another", () => {
    expect(roleIdOf(ROLE)).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(roleIdOf(ROLE)).toBe(roleIdOf(ROLE));
    expect(roleIdOf(ROLE)).not.toBe(roleIdOf(`${ROLE}2`));
  });

  it("STS-3: shape constraints are ValidationError, worded as validation errors are; nothing changes", () => {
    const [s0, , , token] = guestToken();
    const [s1, result] = assume(s0, token, { DurationSeconds: 100, RoleSessionName: "a b" });
    expectError(
      result,
      "ValidationError",
      "2 validation errors detected: Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900; Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    expect(s1).toBe(s0);
    expect(sts(s0, "AssumeRoleWithWebIdentity", {})[1]).toMatchObject({ error: { type: "ValidationError", message: expect.stringContaining("Value null at 'webIdentityToken'") } });
  });

  it("STS-9: DurationSeconds from 900 to the role's maximum, one hour by default", () => {
    const [s0, , , token] = guestToken();
    expect(okOutput<{ Credentials: { Expiration: Date } }>(assume(s0, token, { DurationSeconds: 900 })[1]).Credentials.Expiration).toEqual(new Date(NOW + 900_000));
    okOutput(assume(s0, token, { DurationSeconds: 3600 })[1]);
    expectError(assume(s0, token, { DurationSeconds: 3601 })[1], "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  });

  it("STS-6: a token that is not a JWT, is another issuer's, is signed by another key, or has expired is refused", () => {
    const [s0, , , token] = guestToken();
    expect(assume(s0, "not-a-jwt")[1]).toMatchObject({ ok: false, error: { type: "InvalidIdentityToken" } });
    const [header, payload] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const other = Buffer.from(JSON.stringify({ ...claims, iss: "https://login.example.com" })).toString("base64url");
    expectError(assume(s0, `${header}.${other}.c2ln`)[1], "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://login.example.com");
    const forged = `${header}.${payload}.${Buffer.from("forged").toString("base64url")}`;
    expectError(
      assume(s0, forged)[1],
      "InvalidIdentityToken",
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
    const later = at({ now: (claims.exp as number) * 1000 });
    expectError(
      assume(s0, token, {}, later)[1],
      "ExpiredTokenException",
      `Token expired: current date/time ${claims.exp} must be before the expiration date/time ${claims.exp}`,
    );
    okOutput(assume(s0, token, {}, at({ now: (claims.exp as number) * 1000 - 1000 }))[1]);
  });

  it("STS-6: a developer token works too, and its session tags come along", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, dev] = run(s0, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: poolId, Logins: { "login.mycompany": "alice" }, PrincipalTags: { team: "a" } });
    const { IdentityId, Token } = okOutput<{ IdentityId: string; Token: string }>(dev);
    const [s2, result] = assume(s1, Token);
    const out = okOutput<{ SubjectFromWebIdentityToken: string; Credentials: { AccessKeyId: string } }>(result);
    expect(out.SubjectFromWebIdentityToken).toBe(IdentityId);
    expect(describeCredentials(s2, out.Credentials.AccessKeyId)?.principalTags).toEqual({ team: "a" });
  });

  it("STS-6: a role ARN that is not an IAM role's is refused", () => {
    const [s0, , , token] = guestToken();
    expectError(
      sts(s0, "AssumeRoleWithWebIdentity", { RoleArn: "arn:aws:iam::123456789012:user/alice", RoleSessionName: "web", WebIdentityToken: token })[1],
      "ValidationError",
      "Request ARN is invalid",
    );
  });
});

describe("the STS family", () => {
  it("STS-1: its operations and shapes are botocore's, and a refused command returns the state it was given", () => {
    expect(Object.keys(stsService.operations)).toEqual(["AssumeRoleWithWebIdentity", "GetCallerIdentity"]);
    expect(stsService.metadata).toMatchObject({ apiVersion: "2011-06-15", protocol: "query", xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/" });
    expect(stsService.shapes.roleDurationSecondsType).toEqual({ type: "integer", max: 43200, min: 900 });
    const state = fresh();
    expect(sts(state, "AssumeRoleWithWebIdentity", { RoleArn: "x" })[0]).toBe(state);
    expect(sts(state, "NoSuchAction", {})).toEqual([state, { ok: false, error: { type: "InvalidAction", message: "Could not find operation NoSuchAction for version 2011-06-15" } }]);
  });

  it("STS-8: the credentials view tells STS's credentials from the enhanced flow's, and names each session", () => {
    const [s0, poolId, id, token] = guestToken();
    const [s1, result] = assume(s0, token);
    const key = okOutput<{ Credentials: { AccessKeyId: string } }>(result).Credentials.AccessKeyId;
    expect(describeCredentials(s1, key)).toMatchObject({ issuedBy: "AssumeRoleWithWebIdentity", assumedRoleArn: "arn:aws:sts::210987654321:assumed-role/Basic_Role/web" });
    const [s2, creds] = run(setRoles(s1, poolId), "GetCredentialsForIdentity", { IdentityId: id });
    const enhanced = okOutput<{ Credentials: { AccessKeyId: string } }>(creds).Credentials.AccessKeyId;
    expect(describeCredentials(s2, enhanced)).toMatchObject({
      issuedBy: "GetCredentialsForIdentity",
      assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/unauthenticated/CognitoIdentityCredentials",
    });
  });
});

describe("GetCallerIdentity", () => {
  it("STS-10: credentials from AssumeRoleWithWebIdentity are their assumed role; those of GetCredentialsForIdentity Cognito's session", () => {
    const [s0, , , token] = guestToken();
    const [s1, result] = assume(s0, token);
    const { Credentials, AssumedRoleUser } = okOutput<{ Credentials: { AccessKeyId: string }; AssumedRoleUser: { AssumedRoleId: string; Arn: string } }>(result);
    expect(okOutput(sts(s1, "GetCallerIdentity", {}, at({ accessKeyId: Credentials.AccessKeyId }))[1])).toEqual({
      UserId: AssumedRoleUser.AssumedRoleId,
      Account: "210987654321",
      Arn: AssumedRoleUser.Arn,
    });
    const [p0, poolId] = providerPool(fresh());
    const [p1, id] = getId(setRoles(p0, poolId), poolId);
    const [p2, creds] = run(p1, "GetCredentialsForIdentity", { IdentityId: id });
    const key = okOutput<{ Credentials: { AccessKeyId: string } }>(creds).Credentials.AccessKeyId;
    expect(okOutput(sts(p2, "GetCallerIdentity", {}, at({ accessKeyId: key }))[1])).toEqual({
      UserId: `${roleIdOf(UNAUTH_ROLE)}:CognitoIdentityCredentials`,
      Account: "123456789012",
      Arn: "arn:aws:sts::123456789012:assumed-role/unauthenticated/CognitoIdentityCredentials",
    });
  });

  it("STS-10: other keys are the account's root; expired credentials are refused", () => {
    expect(okOutput(sts(fresh(), "GetCallerIdentity", {}, at({ accessKeyId: "AKIDEXAMPLE" }))[1])).toEqual({
      UserId: "123456789012",
      Account: "123456789012",
      Arn: "arn:aws:iam::123456789012:root",
    });
    const [s0, , , token] = guestToken();
    const [s1, result] = assume(s0, token, { DurationSeconds: 900 });
    const key = okOutput<{ Credentials: { AccessKeyId: string } }>(result).Credentials.AccessKeyId;
    expectError(sts(s1, "GetCallerIdentity", {}, at({ accessKeyId: key, now: NOW + 900_000 }))[1], "ExpiredToken", "The security token included in the request is expired");
  });
});
