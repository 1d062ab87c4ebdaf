// Injected faults and the call history over HTTP (spec/testing.md FAULT-3, FAULT-8, HIST-6), through
// the real SDK and the admin routes.
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  InternalErrorException,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { cognitoMatchers, modelAdmin } from "../../src/testing/index.js";

expect.extend(cognitoMatchers);

let server: RunningServer;
let secured: RunningServer;
const fastRetry = (maxAttempts: number) => new ConfiguredRetryStrategy(maxAttempts, () => 1);
const clientOf = (maxAttempts = 1, requestTimeout?: number) =>
  new CognitoIdentityClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials: { accessKeyId: "123456789012", secretAccessKey: "s" },
    retryStrategy: fastRetry(maxAttempts),
    ...(requestTimeout ? { requestHandler: new NodeHttpHandler({ requestTimeout, throwOnRequestTimeout: true }) } : {}),
  });

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 4 });
  secured = await startServer({ port: 0, seed: 4, adminToken: "t0ken" });
});
afterAll(async () => {
  await server.close(100);
  await secured.close(100);
});
beforeEach(() => server.service.reset());

const admin = async (path: string, init: RequestInit = {}, base = server.url) => {
  const response = await fetch(`${base}${path}`, init);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};
const post = (path: string, body: unknown) => admin(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function pool(client: CognitoIdentityClient): Promise<string> {
  const { IdentityPoolId } = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }));
  await client.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/guest" } }));
  return IdentityPoolId!;
}

describe("faults and the history over HTTP", () => {
  it("FAULT-8: POST /_model/faults adds a fault (or a list), GET lists them, DELETE clears them; a refused spec is a 400 that adds none", async () => {
    const added = await post("/_model/faults", { operation: "GetId", error: "TooManyRequestsException", times: 2 });
    expect(added).toEqual({ status: 200, json: { id: 1, spec: { operation: "GetId", error: "TooManyRequestsException", times: 2 }, seen: 0, fired: 0 } });
    const refused = await post("/_model/faults", [{ operation: "GetId", drop: true }, { operation: "GetId", error: "ConcurrentModificationException" }]);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatch(/^fault 1: error: GetId cannot answer 'ConcurrentModificationException'; its modeled errors/);
    expect((await post("/_model/faults", { operation: "GetId", error: "InternalErrorException", when: "x" })).json.error).toBe(
      "when: functions are for the in-process fake; match by `input` here",
    );
    expect((await admin("/_model/faults", { method: "POST", body: "{" })).status).toBe(400);
    expect((await admin("/_model/faults")).json.faults).toHaveLength(1);
    expect(await admin("/_model/faults", { method: "DELETE" })).toEqual({ status: 200, json: { status: "cleared" } });
    expect((await admin("/_model/faults")).json.faults).toEqual([]);
    expect((await admin("/_model/faults", { method: "PUT" })).status).toBe(405);
  });

  it("FAULT-8, HIST-6: the routes are behind the admin guard: the token, and no foreign origin", async () => {
    expect((await admin("/_model/calls", {}, secured.url)).status).toBe(401);
    expect((await admin("/_model/faults", { method: "DELETE" }, secured.url)).status).toBe(401);
    expect((await admin("/_model/calls", { headers: { origin: "http://evil.example" } })).status).toBe(403);
    expect(await modelAdmin(secured.url, { adminToken: "t0ken" }).calls()).toEqual([]);
  });

  it("FAULT-3: the SDK's own retry gets through a throttled GetId over HTTP, and the history shows each attempt", async () => {
    const client = clientOf(3);
    const IdentityPoolId = await pool(client);
    const control = modelAdmin(server.url);
    await control.addFault({ operation: "GetId", error: "TooManyRequestsException", times: 2 });
    const answer = await client.send(new GetIdCommand({ IdentityPoolId }));
    expect(answer.$metadata.attempts).toBe(3);
    const calls = await control.calls({ operation: "GetId" });
    expect(calls.map((c) => c.outcome)).toEqual([
      { ok: false, error: { type: "TooManyRequestsException", message: "Rate exceeded" } },
      { ok: false, error: { type: "TooManyRequestsException", message: "Rate exceeded" } },
      { ok: true, output: { IdentityId: answer.IdentityId } },
    ]);
    expect(await control.calls()).toHaveReceivedCommandTimes(GetIdCommand, 3);
    expect(await control.calls()).toHaveReceivedLastCommandWith(GetIdCommand, { IdentityPoolId });
  });

  it("FAULT-3: fromCognitoIdentityPool over HTTP recovers from an InternalErrorException answered with status 500", async () => {
    const IdentityPoolId = await pool(clientOf());
    await modelAdmin(server.url).addFault({ operation: "GetCredentialsForIdentity", error: "InternalErrorException" });
    const credentials = await fromCognitoIdentityPool({ identityPoolId: IdentityPoolId, clientConfig: { region: "us-east-1", endpoint: server.url, retryStrategy: fastRetry(3) } })();
    expect(server.service.describeCredentials(credentials.accessKeyId)?.roleArn).toBe("arn:aws:iam::123456789012:role/guest");
    await modelAdmin(server.url).addFault({ operation: "DescribeIdentityPool", error: "InternalErrorException" });
    const failed = clientOf().send(new DescribeIdentityPoolCommand({ IdentityPoolId }));
    await expect(failed).rejects.toBeInstanceOf(InternalErrorException);
    await expect(failed).rejects.toMatchObject({ message: "An internal error occurred.", $metadata: { httpStatusCode: 500 } });
  });

  it("FAULT-3: a dropped connection is a socket closed without an answer; a timeout an answer that never comes, until the client gives up", async () => {
    const client = clientOf(1, 300);
    const IdentityPoolId = await pool(client);
    await post("/_model/faults", { operation: "DescribeIdentityPool", drop: true });
    await expect(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId }))).rejects.toMatchObject({ code: "ECONNRESET" });
    await post("/_model/faults", { operation: "DescribeIdentityPool", timeout: true });
    await expect(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId }))).rejects.toMatchObject({ name: "TimeoutError" });
    // The next call is answered.
    await expect(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId }))).resolves.toMatchObject({ IdentityPoolId });
  });

  it("HIST-6: GET /_model/calls lists the history, filtered by operation, service and outcome; DELETE and reset empty it; a bad filter is a 400", async () => {
    const client = clientOf();
    const IdentityPoolId = await pool(client);
    await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" })).catch(() => undefined);
    const all = await admin("/_model/calls");
    expect((all.json.calls as { operation: string }[]).map((c) => c.operation)).toEqual(["CreateIdentityPool", "SetIdentityPoolRoles", "DescribeIdentityPool"]);
    expect(((await admin("/_model/calls?ok=false")).json.calls as { index: number }[]).map((c) => c.index)).toEqual([2]);
    expect(((await admin("/_model/calls?operation=SetIdentityPoolRoles,DescribeIdentityPool")).json.calls as unknown[]).length).toBe(2);
    expect((await admin("/_model/calls?service=sts")).json.calls).toEqual([]);
    expect(await admin("/_model/calls?ok=maybe")).toEqual({ status: 400, json: { error: "ok must be true or false, got 'maybe'" } });
    expect(await admin("/_model/calls?op=GetId")).toEqual({ status: 400, json: { error: "unknown parameter 'op' (expected operation, service, ok)" } });
    expect(await admin("/_model/calls", { method: "DELETE" })).toEqual({ status: 200, json: { status: "cleared" } });
    expect((await admin("/_model/calls")).json.calls).toEqual([]);
    await pool(client);
    await admin("/_model/reset", { method: "POST" });
    expect((await admin("/_model/calls")).json.calls).toEqual([]);
  });
});
