// WIRE-24, IDN-4, IDN-16 over HTTP and in process: a request that names its endpoint's Region finds
// only that Region's pools and identities; one that names none finds them by their ids.
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetIdCommand, GetOpenIdTokenCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFake } from "../../src/fake/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { call, request } from "./raw.js";

const credentials = { accessKeyId: "123456789012", secretAccessKey: "test" };

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 12 });
});
afterAll(() => server.close());
beforeEach(() => server.service.reset());

async function euPool(): Promise<string> {
  const client = new CognitoIdentityClient({ region: "eu-west-1", endpoint: server.url, credentials });
  const pool = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "eu", AllowUnauthenticatedIdentities: true }));
  client.destroy();
  return pool.IdentityPoolId!;
}

const unsigned = (op: string, input: unknown, host: string) =>
  request(server.url, {
    method: "POST",
    headers: { Host: host, "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": `AWSCognitoIdentityService.${op}` },
    body: JSON.stringify(input),
  });

describe("the endpoint's Region over HTTP", () => {
  it("WIRE-24: an unsigned GetId whose Host names another Region does not find the pool", async () => {
    const poolId = await euPool();
    for (const host of ["cognito-identity.us-east-1.amazonaws.com", "us-east-1.localhost:4568"]) {
      const answer = await unsigned("GetId", { IdentityPoolId: poolId }, host);
      expect(answer.status, host).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ __type: "ResourceNotFoundException", message: `IdentityPool '${poolId}' not found.` });
    }
    const found = await unsigned("GetId", { IdentityPoolId: poolId }, "eu-west-1.localhost:4568");
    expect(found.status).toBe(200);
  });

  it("WIRE-24: an unsigned GetId to the server's address finds the pool by its id (Amplify, fromCognitoIdentityPool)", async () => {
    const poolId = await euPool();
    const answer = await call(server.url, "GetId", { IdentityPoolId: poolId }, { Authorization: undefined, "X-Amz-Date": undefined });
    expect(answer.status).toBe(200);
    const wrongRegion = new CognitoIdentityClient({ region: "us-east-1", endpoint: server.url, credentials });
    const { IdentityId } = await wrongRegion.send(new GetIdCommand({ IdentityPoolId: poolId }));
    expect(IdentityId?.startsWith("eu-west-1:")).toBe(true);
    const { Token } = await wrongRegion.send(new GetOpenIdTokenCommand({ IdentityId }));
    expect(Token).toBeTruthy();
    wrongRegion.destroy();
  });
});

describe("the credential scope's Region", () => {
  it("WIRE-9: a scope Region that is none creates nothing: 400 InvalidSignatureException", async () => {
    for (const region of ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "us.east"]) {
      const answer = await call(server.url, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }, {
        Authorization: `AWS4-HMAC-SHA256 Credential=123456789012/20240101/${region}/cognito-identity/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ __type: "InvalidSignatureException", message: "Credential should be scoped to a valid region. " });
    }
    expect(server.service.snapshot().state.namespaces).toEqual([]);
  });
});

describe("the endpoint's Region in process", () => {
  it("IDN-4, IDN-16: a client configured for another Region than the pool's does not find it, as on AWS", async () => {
    const fake = createFake({ seed: 3 });
    const eu = new CognitoIdentityClient({ region: "eu-west-1", credentials, requestHandler: fake.requestHandler });
    const us = new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler });
    const { IdentityPoolId } = await eu.send(new CreateIdentityPoolCommand({ IdentityPoolName: "eu", AllowUnauthenticatedIdentities: true }));
    await expect(us.send(new GetIdCommand({ IdentityPoolId }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `IdentityPool '${IdentityPoolId}' not found.`,
    });
    const { IdentityId } = await eu.send(new GetIdCommand({ IdentityPoolId }));
    await expect(us.send(new GetOpenIdTokenCommand({ IdentityId }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `Identity '${IdentityId}' not found.`,
    });
    expect((await eu.send(new GetOpenIdTokenCommand({ IdentityId }))).IdentityId).toBe(IdentityId);
  });
});
