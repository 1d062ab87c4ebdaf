// Bodies built to break the in-process fake: nested thousands deep, a megabyte of invalid input,
// trust policies nested thousands deep. Each is refused, and fake.snapshot() still serializes.
import { describe, expect, it } from "vitest";
import { createFake, type Fake } from "../../src/fake/index.js";
import { awsHeaders } from "../server/raw.js";

const ROLE = "arn:aws:iam::123456789012:role/authenticated";
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

async function send(fake: Fake, op: string, body: string): Promise<{ status: number; body: { __type?: string; message?: string; IdentityPoolId?: string } }> {
  const headers = Object.fromEntries(Object.entries(awsHeaders(op)).map(([k, v]) => [k.toLowerCase(), v!]));
  const answer = await fake.service.handle({ method: "POST", path: "/", headers, body });
  return { status: answer.status, body: JSON.parse(answer.body) as { __type?: string; message?: string } };
}

async function poolOf(fake: Fake): Promise<string> {
  const created = await send(fake, "CreateIdentityPool", JSON.stringify({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, SupportedLoginProviders: { "graph.facebook.com": "app" } }));
  return created.body.IdentityPoolId!;
}

/** The snapshot without the request counter, which every answer advances. */
const stateOf = (fake: Fake) => JSON.stringify(fake.snapshot().state);

describe("deep and large bodies in the in-process fake", () => {
  it("WIRE-27: a body nested 3,000 or 5,000 levels deep is a SerializationException; the snapshot is unchanged", async () => {
    const fake = createFake({ seed: 3 });
    const poolId = await poolOf(fake);
    const before = stateOf(fake);
    for (const depth of [3_000, 5_000]) {
      const answer = await send(fake, "SetIdentityPoolRoles", `{"IdentityPoolId":"${poolId}","Roles":{},"RoleMappings":{"${"k".repeat(200)}":${nested(depth)}}}`);
      expect(answer).toEqual({ status: 400, body: { __type: "SerializationException", message: "Request body is nested deeper than the limit of 64 levels." } });
    }
    expect(stateOf(fake)).toBe(before);
    expect((await send(fake, "GetIdentityPoolRoles", JSON.stringify({ IdentityPoolId: poolId }))).body).toEqual({ IdentityPoolId: poolId, Roles: {} });
  });

  it("VAL-19: a 1 MB invalid SetIdentityPoolRoles body answers a message of at most 262,147 code units; nothing changes", async () => {
    const fake = createFake({ seed: 3 });
    const poolId = await poolOf(fake);
    const before = stateOf(fake);
    const key = "k".repeat(330_000);
    const body = JSON.stringify({
      IdentityPoolId: poolId,
      Roles: { bad: key },
      RoleMappings: { [key]: { Type: "bad", AmbiguousRoleResolution: "bad", RulesConfiguration: { Rules: [{ Claim: key, MatchType: "bad", Value: "", RoleARN: "" }] } } },
    });
    expect(body.length).toBeGreaterThan(990_000);
    expect(body.length).toBeLessThan(fake.service.maxBodyBytes);
    const answer = await send(fake, "SetIdentityPoolRoles", body);
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe("ValidationException");
    expect(answer.body.message!.length).toBeLessThanOrEqual(262_147);
    expect(stateOf(fake)).toBe(before);
  });

  it("VAL-20: trust policies nested deeper than 64 levels are refused by createFake and setIamRoles; the snapshot still serializes", () => {
    const policy = (extra: string) =>
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:x"}},"Sid":"s"${extra}}]}`;
    const role = (document: unknown) => ({ Roles: [{ RoleName: "authenticated", Arn: ROLE, AssumeRolePolicyDocument: document }] });
    const reason = `role 1 (${ROLE}): AssumeRolePolicyDocument: the policy document is nested deeper than 64 levels`;
    const deep = policy(`,"Comment":${nested(5_000)}`);
    expect(() => createFake({ iamRoles: role(JSON.parse(deep)) })).toThrow(`iamRoles: ${reason}`);
    const fake = createFake({ seed: 3, iamRoles: role(policy(`,"Comment":${nested(58)}`)) });
    const before = JSON.stringify(fake.snapshot());
    for (const document of [deep, encodeURIComponent(deep), JSON.parse(deep)]) expect(() => fake.setIamRoles(role(document))).toThrow(`cannot register roles: ${reason}`);
    expect(JSON.stringify(fake.snapshot())).toBe(before);
    expect(fake.iamRoles().Roles).toHaveLength(1);
  });
});
