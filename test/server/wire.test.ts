// The server's bytes: error bodies and headers as AWS sends them, the protocol checks over HTTP,
// CORS, the body limit and malformed HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isOperationName } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { awsHeaders, call, request, sendRaw, type RawAnswer } from "./raw.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 11 });
});
afterAll(() => server.close());
beforeEach(() => server.service.reset());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The answer is the AWS error `type` with `message`, in exactly the observed wire form. */
function expectWireError(answer: RawAnswer, type: string, message: string, status = 400): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toBe(JSON.stringify({ __type: type, message }));
  expect(answer.headers["content-type"]).toBe("application/x-amz-json-1.1");
  expect(answer.headers["x-amzn-errortype"]).toBe(`${type}:`);
  expect(answer.headers["x-amzn-requestid"]).toMatch(UUID);
  expect(Number(answer.headers["content-length"])).toBe(Buffer.byteLength(answer.body));
}

describe("the wire", () => {
  it("WIRE-7: header names and order as AWS sends them on an error", async () => {
    const answer = await call(server.url, "DescribeIdentityPool", { IdentityPoolId: "us-east-1:908199f9-794f-4b7d-9c4e-5c1f0e6d2a3b" });
    expectWireError(answer, "ResourceNotFoundException", "IdentityPool 'us-east-1:908199f9-794f-4b7d-9c4e-5c1f0e6d2a3b' not found.");
    const names = answer.headerLines.map(([name]) => name);
    expect(names.slice(0, 7)).toEqual([
      "Content-Type",
      "x-amzn-RequestId",
      "x-amzn-ErrorType",
      "x-amzn-ErrorMessage",
      "access-control-allow-origin",
      "access-control-expose-headers",
      "Content-Length",
    ]);
    expect(answer.headerLines).toContainEqual(["x-amzn-ErrorType", "ResourceNotFoundException:"]);
    expect(answer.headerLines).toContainEqual(["x-amzn-ErrorMessage", "IdentityPool 'us-east-1:908199f9-794f-4b7d-9c4e-5c1f0e6d2a3b' not found."]);
    expect(answer.headerLines).toContainEqual(["access-control-allow-origin", "*"]);
    expect(answer.headerLines).toContainEqual(["access-control-expose-headers", "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"]);
  });

  it("WIRE-7: the observed two-violation ValidationException, byte for byte", async () => {
    const arn = "arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG";
    const answer = await call(server.url, "DescribeIdentityPool", { IdentityPoolId: arn });
    expect(answer.body).toBe(
      `{"__type":"ValidationException","message":"2 validation errors detected: Value 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\\\w-]+:[0-9a-f-]+; Value 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG' at 'identityPoolId' failed to satisfy constraint: Member must have length less than or equal to 55"}`,
    );
    expect(answer.status).toBe(400);
  });

  it("WIRE-7: the observed identityPoolName ValidationException and the observed SerializationException", async () => {
    expectWireError(
      await call(server.url, "CreateIdentityPool", { IdentityPoolName: "pool#name", AllowUnauthenticatedIdentities: true }),
      "ValidationException",
      "1 validation error detected: Value 'pool#name' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    );
    expectWireError(
      await call(server.url, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, IdentityPoolTags: { team: ["a"] } }),
      "SerializationException",
      "Start of list found where not expected",
    );
  });

  // The observed bodies of the identity operations, end to end, once the model implements them.
  const identities = isOperationName("GetId") && isOperationName("GetCredentialsForIdentity");

  it.runIf(identities)("WIRE-7, WIRE-10: unsigned GetId on a pool without guest access: the observed 111-byte NotAuthorizedException", async () => {
    const pool = JSON.parse((await call(server.url, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false })).body);
    const answer = await call(server.url, "GetId", { IdentityPoolId: pool.IdentityPoolId, AccountId: "123456789012" }, { Authorization: undefined, "X-Amz-Date": undefined });
    expectWireError(answer, "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
    expect(answer.body).toBe('{"__type":"NotAuthorizedException","message":"Unauthenticated access is not supported for this identity pool."}');
    expect(answer.headers["content-length"]).toBe("111");
    expect(answer.headerLines).toContainEqual(["x-amzn-ErrorType", "NotAuthorizedException:"]);
  });

  it.runIf(identities)("WIRE-7, WIRE-8: the observed 63-byte GetId body, and the observed 143-byte InvalidIdentityPoolConfigurationException", async () => {
    const pool = JSON.parse((await call(server.url, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true })).body);
    const unsigned = { Authorization: undefined, "X-Amz-Date": undefined };
    const id = await call(server.url, "GetId", { IdentityPoolId: pool.IdentityPoolId, AccountId: "123456789012" }, unsigned);
    expect(id.status).toBe(200);
    expect(id.body).toMatch(/^\{"IdentityId":"us-east-1:[0-9a-f-]{36}"\}$/);
    expect(id.headers["content-length"]).toBe("63");
    const credentials = await call(server.url, "GetCredentialsForIdentity", { IdentityId: JSON.parse(id.body).IdentityId }, unsigned);
    expectWireError(credentials, "InvalidIdentityPoolConfigurationException", "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    expect(credentials.headers["content-length"]).toBe("143");
    const unknown = await call(server.url, "GetCredentialsForIdentity", { IdentityId: "us-east-1:11a86fa8-fc2c-46da-a38b-e46762e447ed" }, unsigned);
    expectWireError(unknown, "ResourceNotFoundException", "Identity 'us-east-1:11a86fa8-fc2c-46da-a38b-e46762e447ed' not found.");
  });

  it("WIRE-8: success is 200, compact JSON, with a request id and the CORS headers", async () => {
    const answer = await call(server.url, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^\{"IdentityPoolId":"us-east-1:[0-9a-f-]{36}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,"IdentityPoolTags":\{\}\}$/);
    expect(answer.headerLines.map(([n]) => n).slice(0, 5)).toEqual([
      "Content-Type",
      "x-amzn-RequestId",
      "access-control-allow-origin",
      "access-control-expose-headers",
      "Content-Length",
    ]);
    expect(answer.headers["x-amzn-errortype"]).toBeUndefined();
    expect(answer.headers["date"]).toBeDefined();
    const deleted = await call(server.url, "DeleteIdentityPool", { IdentityPoolId: JSON.parse(answer.body).IdentityPoolId });
    expect(deleted.body).toBe("{}");
  });

  it("WIRE-6: unknown members are ignored; an empty body is {}", async () => {
    const answer = await call(server.url, "ListIdentityPools", { MaxResults: 1, Surprise: { nested: [1] } });
    expect(answer).toMatchObject({ status: 200, body: '{"IdentityPools":[]}' });
    const empty = await call(server.url, "ListIdentityPools", "");
    expectWireError(empty, "ValidationException", "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
  });

  it("WIRE-6: malformed JSON and a body that is not UTF-8 are SerializationException", async () => {
    expectWireError(await call(server.url, "ListIdentityPools", '{"MaxResults":}'), "SerializationException", "Malformed JSON request body: unexpected character '}' at position 14.");
    const latin1 = await request(server.url, { headers: awsHeaders("ListIdentityPools"), body: Buffer.from([0x7b, 0xe9, 0x7d]) });
    expectWireError(latin1, "SerializationException", "Malformed request body: it is not valid UTF-8.");
  });

  it("WIRE-2: another method is UnknownOperationException; any path outside /_model/ is the AWS endpoint", async () => {
    expectWireError(await request(server.url, { method: "GET", headers: awsHeaders("ListIdentityPools") }), "UnknownOperationException", "Method GET is not supported: the AWS JSON protocol uses POST.");
    const prefixed = await request(server.url, { path: "/some/prefix?x=1", headers: awsHeaders("ListIdentityPools"), body: '{"MaxResults":1}' });
    expect(prefixed).toMatchObject({ status: 200, body: '{"IdentityPools":[]}' });
  });

  it("WIRE-3, WIRE-4, WIRE-10: target, content type and authentication over HTTP", async () => {
    expectWireError(await call(server.url, "ListIdentityPools", "{}", { "X-Amz-Target": undefined }), "UnknownOperationException", "Missing X-Amz-Target header.");
    expectWireError(await call(server.url, "ListIdentityPools", "{}", { "X-Amz-Target": "Kinesis_20131202.ListShards" }), "UnknownOperationException", "Operation Kinesis_20131202.ListShards is not supported.");
    expectWireError(
      await call(server.url, "ListIdentityPools", "{}", { "Content-Type": "application/octet-stream" }),
      "UnknownOperationException",
      "Unsupported Content-Type 'application/octet-stream': expected application/x-amz-json-1.1.",
    );
    expectWireError(await call(server.url, "ListIdentityPools", '{"MaxResults":1}', { Authorization: undefined }), "MissingAuthenticationTokenException", "Missing Authentication Token");
    expectWireError(
      await call(server.url, "ListIdentityPools", '{"MaxResults":1}', { Authorization: "Bearer x" }),
      "IncompleteSignatureException",
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=Bearer x",
    );
  });

  it("WIRE-10: a public operation needs no signature (the model answers it)", async () => {
    const answer = await call(server.url, "GetId", { IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" }, { Authorization: undefined, "X-Amz-Date": undefined });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).__type).not.toMatch(/Authentication|Signature/);
  });

  it("WIRE-7: a message with characters HTTP headers cannot carry is percent-encoded in x-amzn-ErrorMessage only", async () => {
    const answer = await call(server.url, "CreateIdentityPool", { IdentityPoolName: "nom\nété", AllowUnauthenticatedIdentities: true });
    const message = JSON.parse(answer.body).message as string;
    expect(message).toContain("Value 'nom\nété'");
    expect(answer.headers["x-amzn-errormessage"]).toContain("Value 'nom%0A%C3%A9t%C3%A9'");
  });

  it("WIRE-16: a body over 1 MiB is 413 RequestEntityTooLargeException and the connection is closed", async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const declared = await request(server.url, { headers: awsHeaders("ListIdentityPools"), body: big });
    expectWireError(declared, "RequestEntityTooLargeException", "Request body is larger than the limit of 1048576 bytes.", 413);
    expect(declared.headers["connection"]).toBe("close");
    expect(declared.closed).toBe(true);
    // Chunked: no Content-Length, the limit is found while reading.
    const { host } = new URL(server.url);
    const head = `POST / HTTP/1.1\r\nHost: ${host}\r\n${Object.entries(awsHeaders("ListIdentityPools")).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const chunks = Array.from({ length: 5 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]));
    const chunked = await sendRaw(server.url, Buffer.concat([Buffer.from(head), ...chunks, Buffer.from("0\r\n\r\n")]));
    expectWireError(chunked, "RequestEntityTooLargeException", "Request body is larger than the limit of 1048576 bytes.", 413);
    // Exactly the limit is read (and answered by the model).
    const exact = await request(server.url, { headers: awsHeaders("ListIdentityPools"), body: Buffer.concat([Buffer.from('{"MaxResults":1}'), Buffer.alloc(1024 * 1024 - 16, 0x20)]) });
    expect(exact.status).toBe(200);
  });

  it("WIRE-17: a preflight OPTIONS is answered for browsers, with the headers asked for", async () => {
    const answer = await request(server.url, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent" },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers).toMatchObject({
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "POST, GET, PUT, OPTIONS",
      "access-control-allow-headers": "content-type,x-amz-target,x-amz-user-agent",
      "access-control-expose-headers": "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date",
      "access-control-max-age": "86400",
    });
    expect(answer.body).toBe("");
    const bare = await request(server.url, { method: "OPTIONS", path: "/" });
    expect(bare.headers["access-control-allow-headers"]).toContain("x-amz-target");
  });

  it("WIRE-20: malformed HTTP is a plain 400 and the connection is closed; the server keeps serving", async () => {
    const answer = await sendRaw(server.url, "NOT HTTP AT ALL\r\n\r\n");
    expect(answer.status).toBe(400);
    expect(answer.closed).toBe(true);
    const bigHeader = await request(server.url, { headers: { ...awsHeaders("ListIdentityPools"), "X-Big": "x".repeat(20_000) }, body: "{}" });
    expect(bigHeader.status).toBe(431);
    expect((await call(server.url, "ListIdentityPools", { MaxResults: 1 })).status).toBe(200);
  });
});
