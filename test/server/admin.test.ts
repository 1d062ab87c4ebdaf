import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFake, InitError } from "../../src/fake/index.js";
import { operationNames, testToken } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";

let server: RunningServer;
let sdk: CognitoIdentityClient;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 5 });
  sdk = new CognitoIdentityClient({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "123456789012", secretAccessKey: "s" } });
});
afterAll(() => server.close());

const admin = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${server.url}${path}`, init);
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
};

describe("admin routes", () => {
  it("WIRE-18: health answers ok and the operations the model implements", async () => {
    const health = await admin("/_model/health");
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toBe("application/json");
    // WIRE-25: no CORS on admin routes.
    expect(health.headers.get("access-control-allow-origin")).toBeNull();
    expect(health.json).toEqual({ status: "ok", operations: [...operationNames] });
  });

  it("WIRE-18, WIRE-19: state is a snapshot; PUT puts it back; reset empties", async () => {
    await admin("/_model/reset", { method: "POST" });
    await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "kept", AllowUnauthenticatedIdentities: true }));
    const saved = await admin("/_model/state");
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ format: "cognito-identity-model/fake", version: 1, requests: 1 });
    expect(saved.json).toEqual(JSON.parse(JSON.stringify(server.service.snapshot())));

    await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "dropped", AllowUnauthenticatedIdentities: true }));
    expect((await admin("/_model/state", { method: "PUT", body: JSON.stringify(saved.json) })).json).toEqual({ status: "restored" });
    expect((await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 10 }))).IdentityPools?.map((p) => p.IdentityPoolName)).toEqual(["kept"]);

    expect((await admin("/_model/reset", { method: "POST" })).json).toEqual({ status: "reset", seed: server.service.seed });
    expect((await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 10 }))).IdentityPools).toEqual([]);
  });

  it("ID-9: each reset is a new generation of ids, so an id kept from before is not found; ?seed=N starts that seed afresh", async () => {
    const create = async () => (await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }))).IdentityPoolId!;
    expect((await admin("/_model/reset?seed=42", { method: "POST" })).json).toEqual({ status: "reset", seed: 42 });
    const first = await create();
    await admin("/_model/reset", { method: "POST" });
    const second = await create();
    expect(second).not.toBe(first);
    await expect(sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId: first }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await admin("/_model/reset?seed=42", { method: "POST" });
    expect(await create()).toBe(first);
    const bad = await admin("/_model/reset?seed=forty-two", { method: "POST" });
    expect(bad).toMatchObject({ status: 400, json: { error: "seed must be an integer from -2147483648 to 4294967295, got 'forty-two'" } });
  });

  it("WIRE-19: a snapshot taken in process restores over HTTP, and the other way round", async () => {
    const fake = createFake({ seed: 5 });
    const inProcess = new CognitoIdentityClient({ region: "us-east-1", credentials: { accessKeyId: "123456789012", secretAccessKey: "s" }, requestHandler: fake.requestHandler });
    await inProcess.send(new CreateIdentityPoolCommand({ IdentityPoolName: "from the fake", AllowUnauthenticatedIdentities: true }));
    await admin("/_model/state", { method: "PUT", body: JSON.stringify(fake.snapshot()) });
    expect((await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 10 }))).IdentityPools?.map((p) => p.IdentityPoolName)).toEqual(["from the fake"]);
    fake.restore((await admin("/_model/state")).json);
    expect((await inProcess.send(new ListIdentityPoolsCommand({ MaxResults: 10 }))).IdentityPools).toHaveLength(1);
  });

  it("WIRE-18: a body that is not a snapshot is 400 with the reason, and the state is kept", async () => {
    await admin("/_model/reset", { method: "POST" });
    await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "kept", AllowUnauthenticatedIdentities: true }));
    const before = server.service.snapshot();
    const notJson = await admin("/_model/state", { method: "PUT", body: "{nope" });
    expect(notJson).toMatchObject({ status: 400, json: { error: "the body is not JSON" } });
    const notSnapshot = await admin("/_model/state", { method: "PUT", body: '{"format":"something else"}' });
    expect(notSnapshot.status).toBe(400);
    expect(notSnapshot.json.error).toEqual(expect.stringContaining("not a cognito-identity-model"));
    expect(server.service.snapshot()).toEqual(before);
  });

  it("WIRE-23, CRED-12: /_model/credentials/<AccessKeyId> shows what credentials stand for, expiration in epoch seconds", async () => {
    await admin("/_model/reset", { method: "POST" });
    const pool = await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "guests", AllowUnauthenticatedIdentities: true }));
    const IdentityPoolId = pool.IdentityPoolId!;
    await sdk.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/guest" } }));
    const { IdentityId } = await sdk.send(new GetIdCommand({ IdentityPoolId }));
    const { Credentials } = await sdk.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const accessKeyId = Credentials!.AccessKeyId!;

    const described = await admin(`/_model/credentials/${accessKeyId}`);
    expect(described.status).toBe(200);
    expect(described.headers.get("content-type")).toBe("application/json");
    expect(described.headers.get("access-control-allow-origin")).toBeNull();
    expect(described.json).toEqual({
      roleArn: "arn:aws:iam::123456789012:role/guest",
      identityId: IdentityId,
      identityPoolId: IdentityPoolId,
      principalTags: {},
      expiration: Credentials!.Expiration!.getTime() / 1000,
      assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/guest/CognitoIdentityCredentials",
      issuedBy: "GetCredentialsForIdentity",
    });
    expect(described.json).toEqual({ ...server.service.describeCredentials(accessKeyId), expiration: Credentials!.Expiration!.getTime() / 1000 });
    // Percent-encoded, the same key.
    expect((await admin(`/_model/credentials/${encodeURIComponent(accessKeyId).replace("A", "%41")}`)).json).toEqual(described.json);

    // After a reset the key is unknown.
    await admin("/_model/reset", { method: "POST" });
    const gone = await admin(`/_model/credentials/${accessKeyId}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ error: `no credentials with AccessKeyId '${accessKeyId}': this service did not issue them, or its state was reset or restored since` });
  });

  it("WIRE-23: an unknown or malformed access key id is 404, other methods 405 with Allow: GET", async () => {
    for (const key of ["ASIAUNKNOWN", "%E0%A4%A", "%00", "a%2Fb", encodeURIComponent("<script>")]) {
      const answer = await admin(`/_model/credentials/${key}`);
      expect(answer.status).toBe(404);
      expect(answer.json.error).toEqual(expect.stringMatching(/^no credentials with AccessKeyId '.*'/s));
    }
    // No key, or more than one segment, is no route.
    for (const path of ["/_model/credentials", "/_model/credentials/", "/_model/credentials/a/b"]) {
      const answer = await admin(path);
      expect(answer.status).toBe(404);
      expect(answer.json.error).toContain("/_model/credentials/<AccessKeyId>");
    }
    const wrong = await admin("/_model/credentials/ASIAUNKNOWN", { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect(wrong.json).toEqual({ error: "DELETE is not allowed on /_model/credentials/<AccessKeyId>" });
  });

  it("WIRE-18: unknown admin routes are 404, wrong methods 405 with Allow", async () => {
    const missing = await admin("/_model/nothing");
    expect(missing.status).toBe(404);
    expect(missing.json.error).toContain("/_model/health");
    const wrong = await admin("/_model/reset");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect((await admin("/_model/state", { method: "DELETE" })).headers.get("allow")).toBe("GET, PUT");
  });
});

describe("admin routes with an init file", () => {
  const poolId = "us-east-1:0c0ffee0-0000-4000-8000-000000000001";
  const google = "accounts.google.com";
  let clock = Date.parse("2024-01-01T00:00:00Z");
  const soon = Math.floor(clock / 1000) + 60;
  const init = {
    pools: [
      {
        IdentityPoolId: poolId,
        IdentityPoolName: "dev",
        AllowUnauthenticatedIdentities: true,
        SupportedLoginProviders: { [google]: "client" },
        identities: [{ Logins: { [google]: testToken(google, { sub: "alice", aud: "client", exp: soon }) } }],
      },
    ],
  };

  it("INIT-5: GET /_model/export answers the state as an init file, indented", async () => {
    const seeded = await startServer({ port: 0, init, now: () => clock });
    try {
      const response = await fetch(`${seeded.url}/_model/export`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      const text = await response.text();
      expect(text).toContain('\n  "pools": [');
      expect(JSON.parse(text)).toEqual(seeded.service.export());
      expect((await fetch(`${seeded.url}/_model/export`, { method: "PUT" })).status).toBe(405);
    } finally {
      await seeded.close();
    }
  });

  it("INIT-4: POST /_model/reset applies the file again; when it no longer applies (its token expired), 409 and nothing changes", async () => {
    const seeded = await startServer({ port: 0, init, now: () => clock });
    try {
      expect((await fetch(`${seeded.url}/_model/reset`, { method: "POST" })).status).toBe(200);
      const before = seeded.service.export();
      expect(before.pools?.[0]?.identities).toHaveLength(1);
      clock += 3_600_000;
      const refused = await fetch(`${seeded.url}/_model/reset`, { method: "POST" });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: string }).error).toMatch(/^init\.pools\[0\]\.identities\[0\]: NotAuthorizedException: /);
      expect(seeded.service.export()).toEqual(before);
      expect(() => seeded.service.reset()).toThrow(InitError);
      expect(seeded.service.export()).toEqual(before);
    } finally {
      await seeded.close();
    }
  });
});
