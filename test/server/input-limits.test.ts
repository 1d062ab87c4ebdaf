// Bodies built to break the server: nested thousands deep, or a megabyte of invalid input. Each is
// refused with an AWS error, and the state, its snapshot and GetIdentityPoolRoles stay serializable.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { call } from "./raw.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 17 });
});
afterAll(() => server.close());
beforeEach(() => server.service.reset());

const ROLE = "arn:aws:iam::123456789012:role/authenticated";
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** GET /_model/state without the request counter, which every answer advances. */
async function stateText(): Promise<string> {
  const response = await fetch(`${server.url}/_model/state`);
  expect(response.status).toBe(200);
  return JSON.stringify(((await response.json()) as { state: unknown }).state);
}

async function createPool(): Promise<string> {
  const created = await call(server.url, "CreateIdentityPool", {
    IdentityPoolName: "deep",
    AllowUnauthenticatedIdentities: true,
    SupportedLoginProviders: { "graph.facebook.com": "app" },
  });
  expect(created.status).toBe(200);
  return (JSON.parse(created.body) as { IdentityPoolId: string }).IdentityPoolId;
}

async function roles(poolId: string): Promise<unknown> {
  const answer = await call(server.url, "GetIdentityPoolRoles", { IdentityPoolId: poolId });
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body);
}

describe("deep bodies over HTTP", () => {
  it("WIRE-27: SetIdentityPoolRoles nested 3,000 and 5,000 levels deep is a SerializationException; nothing changes", async () => {
    const poolId = await createPool();
    const before = await stateText();
    for (const depth of [3_000, 5_000]) {
      for (const mapping of [nested(depth), `{"Type":"Token","AmbiguousRoleResolution":"Deny","x":${nested(depth)}}`]) {
        for (const key of ["graph.facebook.com", "k".repeat(200)]) {
          const answer = await call(server.url, "SetIdentityPoolRoles", `{"IdentityPoolId":"${poolId}","Roles":{"authenticated":"${ROLE}"},"RoleMappings":{"${key}":${mapping}}}`);
          expect(answer.status).toBe(400);
          expect(JSON.parse(answer.body)).toEqual({ __type: "SerializationException", message: "Request body is nested deeper than the limit of 64 levels." });
        }
      }
    }
    expect(await stateText()).toBe(before);
    expect(await roles(poolId)).toEqual({ IdentityPoolId: poolId, Roles: {} });
  });

  it("VAL-20: a body at the depth limit keeps only modeled members; the state, its snapshot and GetIdentityPoolRoles serialize", async () => {
    const poolId = await createPool();
    // 64 levels in all: the body, RoleMappings, the mapping, then the unknown member's 61.
    const mapping = `{"Type":"Token","AmbiguousRoleResolution":"AuthenticatedRole","x":${nested(61)}}`;
    const body = `{"IdentityPoolId":"${poolId}","Roles":{"authenticated":"${ROLE}"},"RoleMappings":{"graph.facebook.com":${mapping}}}`;
    expect((await call(server.url, "SetIdentityPoolRoles", body)).status).toBe(200);
    const refused = await call(server.url, "SetIdentityPoolRoles", body.replace("graph.facebook.com", "k".repeat(200)));
    expect(JSON.parse(refused.body).__type).toBe("ValidationException");
    expect(await roles(poolId)).toEqual({
      IdentityPoolId: poolId,
      Roles: { authenticated: ROLE },
      RoleMappings: { "graph.facebook.com": { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } },
    });
    expect(await stateText()).not.toContain('"x"');
    expect(JSON.stringify(server.service.snapshot())).not.toContain('"x"');
  });

  it("VAL-20: a trust policy nested deeper than 64 levels is refused by PUT /_model/iam/roles; the state still serializes", async () => {
    const statement = {
      Effect: "Allow",
      Principal: { Federated: "cognito-identity.amazonaws.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:x" } },
    };
    const policy = `{"Version":"2012-10-17","Statement":[${JSON.stringify(statement).slice(0, -1)},"Comment":${nested(5_000)}}]}`;
    const arn = "arn:aws:iam::123456789012:role/deep";
    for (const document of [policy, encodeURIComponent(policy)]) {
      const body = `{"Roles":[{"RoleName":"deep","Arn":"${arn}","AssumeRolePolicyDocument":${JSON.stringify(document)}}]}`;
      for (const sent of [body, body.replace(JSON.stringify(document), policy)]) {
        const put = await fetch(`${server.url}/_model/iam/roles`, { method: "PUT", body: sent });
        expect(put.status).toBe(400);
        expect(await put.json()).toEqual({ error: `role 1 (${arn}): AssumeRolePolicyDocument: the policy document is nested deeper than 64 levels` });
      }
    }
    expect(JSON.parse(await stateText()).config.iam.roles).toEqual([]);
    expect((await fetch(`${server.url}/_model/iam/roles`)).status).toBe(200);
  });
});
