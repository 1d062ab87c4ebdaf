import { CognitoIdentityClient, CreateIdentityPoolCommand, DescribeIdentityPoolCommand, ListIdentityPoolsCommand, SetIdentityPoolRolesCommand } from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import { createFake } from "../../src/fake/index.js";
import { startServer } from "../../src/server/index.js";
import { awsHeaders, call, request } from "./raw.js";

const credentials = { accessKeyId: "123456789012", secretAccessKey: "s" };

describe("startServer", () => {
  it("WIRE-21: listens on a free port with port 0 and resolves to { url, close }", async () => {
    const server = await startServer({ port: 0 });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/_model/health`)).status).toBe(200);
    await server.close();
    await server.close();
    await expect(fetch(`${server.url}/_model/health`)).rejects.toThrow();
  });

  it("WIRE-21: close() lets a request in flight finish, with Connection: close", async () => {
    const server = await startServer({ port: 0 });
    const { host } = new URL(server.url);
    const { connect } = await import("node:net");
    const socket = connect(server.port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const body = '{"MaxResults":1}';
    const head = `POST / HTTP/1.1\r\nHost: ${host}\r\n${Object.entries(awsHeaders("ListIdentityPools")).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\nContent-Length: ${body.length}\r\n\r\n`;
    socket.write(head);
    await new Promise((r) => setTimeout(r, 50));
    const closing = server.close();
    let answer = "";
    socket.on("data", (d: Buffer) => (answer += d.toString()));
    const ended = new Promise((r) => socket.once("end", r));
    socket.write(body);
    await closing;
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    socket.destroy();
  });

  it("WIRE-14: the server and the in-process fake answer the same bytes for the same seed and requests", async () => {
    const server = await startServer({ port: 0, seed: 21 });
    const fake = createFake({ seed: 21 });
    const overHttp = new CognitoIdentityClient({ region: "us-east-1", endpoint: server.url, credentials });
    const inProcess = new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler });
    for (const client of [overHttp, inProcess]) {
      const pool = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "same", AllowUnauthenticatedIdentities: true }));
      await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId }));
      await client.send(new ListIdentityPoolsCommand({ MaxResults: 5 }));
    }
    expect(server.service.snapshot()).toEqual(fake.snapshot());
    const viaHttp = await call(server.url, "ListIdentityPools", { MaxResults: 5 });
    const viaFake = await fake.service.handle({ method: "POST", path: "/", headers: Object.fromEntries(Object.entries(awsHeaders("ListIdentityPools")).map(([k, v]) => [k.toLowerCase(), v])), body: '{"MaxResults":5}' });
    expect(viaHttp.body).toBe(viaFake.body);
    expect(viaHttp.headers["x-amzn-requestid"]).toBe(viaFake.headers["x-amzn-RequestId"]);
    await server.close();
  });

  it("serves an existing service: an in-process fake and its HTTP face share one state", async () => {
    const fake = createFake({ seed: 2 });
    const server = await startServer({ port: 0, service: fake.service });
    const inProcess = new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler });
    const overHttp = new CognitoIdentityClient({ region: "us-east-1", endpoint: server.url, credentials });
    const pool = await inProcess.send(new CreateIdentityPoolCommand({ IdentityPoolName: "shared", AllowUnauthenticatedIdentities: true }));
    expect((await overHttp.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId }))).IdentityPoolName).toBe("shared");
    await server.close();
  });

  it("WIRE-16: an ordinary client sending 2 MiB reads the 413 answer (no reset connection)", async () => {
    const server = await startServer({ port: 0 });
    const response = await fetch(server.url, { method: "POST", headers: awsHeaders("ListIdentityPools") as Record<string, string>, body: Buffer.alloc(2 * 1024 * 1024, 0x20) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ __type: "RequestEntityTooLargeException", message: "Request body is larger than the limit of 1048576 bytes." });
    expect((await call(server.url, "ListIdentityPools", { MaxResults: 1 })).status).toBe(200);
    await server.close();
  });

  it("WIRE-16: the limit is configurable", async () => {
    const server = await startServer({ port: 0, maxBodyBytes: 10 });
    const answer = await request(server.url, { headers: awsHeaders("ListIdentityPools"), body: '{"MaxResults":1}' });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).message).toBe("Request body is larger than the limit of 10 bytes.");
    await server.close();
  });

  it("WIRE-13: signature verification over HTTP: the SDK's signature passes with the right secret only", async () => {
    const server = await startServer({ port: 0, verifySignatures: true, secretKeys: { AKIAEXAMPLE: "right" }, accounts: { AKIAEXAMPLE: "123456789012" } });
    const client = (secretAccessKey: string) =>
      new CognitoIdentityClient({ region: "us-east-1", endpoint: `${server.url}/`, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey }, maxAttempts: 1 });
    expect((await client("right").send(new ListIdentityPoolsCommand({ MaxResults: 1 }))).IdentityPools).toEqual([]);
    await expect(client("wrong").send(new ListIdentityPoolsCommand({ MaxResults: 1 }))).rejects.toMatchObject({
      name: "InvalidSignatureException",
      $metadata: { httpStatusCode: 400 },
    });
    await server.close();
  });

  it("WIRE-36: a large signed body checked apart still has its signature checked over it, before its refusal", async () => {
    const server = await startServer({ port: 0, verifySignatures: true, secretKeys: { AKIAEXAMPLE: "right" }, accounts: { AKIAEXAMPLE: "123456789012" } });
    const client = (secretAccessKey: string) =>
      new CognitoIdentityClient({ region: "us-east-1", endpoint: `${server.url}/`, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey }, maxAttempts: 1 });
    // About 200 KB of invalid role ARNs: the worker refuses it, and the signature is checked over the very bytes sent.
    const Roles = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, "x".repeat(500)]));
    const command = () => new SetIdentityPoolRolesCommand({ IdentityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000", Roles });
    await expect(client("right").send(command())).rejects.toMatchObject({ name: "ValidationException" });
    await expect(client("wrong").send(command())).rejects.toMatchObject({ name: "InvalidSignatureException" });
    await server.close();
  });

  it("WIRE-21: logRequests writes one line per request to the log, CORS preflights included", async () => {
    const lines: string[] = [];
    const server = await startServer({ port: 0, logRequests: true, log: (line) => lines.push(line) });
    await call(server.url, "ListIdentityPools", { MaxResults: 1 });
    await call(server.url, "DescribeIdentityPool", { IdentityPoolId: "us-east-1:0" });
    const preflight = { origin: "http://app.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-amz-target" };
    expect((await fetch(server.url, { method: "OPTIONS", headers: preflight })).status).toBe(204);
    expect((await fetch(`${server.url}/_model/state`, { method: "OPTIONS", headers: preflight })).status).toBe(403);
    expect((await fetch(`${server.url}/.well-known/jwks.json`)).status).toBe(200);
    await server.close();
    expect(lines).toEqual([
      expect.stringMatching(/^POST \/ AWSCognitoIdentityService\.ListIdentityPools -> 200 \(\d+\.\d ms\)$/),
      expect.stringMatching(/^POST \/ AWSCognitoIdentityService\.DescribeIdentityPool -> 400 ResourceNotFoundException \(\d+\.\d ms\)$/),
      expect.stringMatching(/^OPTIONS \/ - -> 204 \(\d+\.\d ms\)$/),
      expect.stringMatching(/^OPTIONS \/_model\/state - -> 403 \(\d+\.\d ms\)$/),
      expect.stringMatching(/^GET \/\.well-known\/jwks\.json - -> 200 \(\d+\.\d ms\)$/),
    ]);
  });
});
