import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeOfSdkError } from "../../src/conformance/targets/sdk.js";
import { findReset, httpTarget, isAwsEndpoint } from "../../src/conformance/targets/http.js";
import { fakeTarget } from "../../src/conformance/targets/fake.js";
import { TargetUnreachable } from "../../src/conformance/target.js";
import { startServer, type RunningServer } from "../../src/server/index.js";

describe("answers through the SDK", () => {
  it("a service error keeps its type, message and status", () => {
    const error = Object.assign(new Error("IdentityPool 'x' not found."), { name: "ResourceNotFoundException", $fault: "client", $metadata: { httpStatusCode: 400 } });
    expect(outcomeOfSdkError(error, "e")).toEqual({ ok: false, error: { type: "ResourceNotFoundException", message: "IdentityPool 'x' not found." }, status: 400 });
  });

  it("a 5xx or a body the SDK cannot read is a crash", () => {
    const html = Object.assign(new SyntaxError("Unexpected token '<'\n  Deserialization error"), { $metadata: { httpStatusCode: 500 } });
    expect(outcomeOfSdkError(html, "e")).toEqual({ ok: false, error: { type: "SyntaxError", message: "Unexpected token '<'" }, status: 500, crash: true });
  });

  it("no connection or no credentials stops the check", () => {
    expect(() => outcomeOfSdkError(Object.assign(new Error("connect"), { code: "ECONNREFUSED", $metadata: {} }), "http://x")).toThrow(TargetUnreachable);
    expect(() => outcomeOfSdkError(Object.assign(new Error("Could not load credentials"), { name: "CredentialsProviderError" }), "aws")).toThrow(/no credentials/);
  });

  it("the in-process fake answers like the service: outputs without $metadata, errors with their status", async () => {
    const target = fakeTarget();
    const created = await target.send("CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false });
    expect(created).toMatchObject({ ok: true, status: 200, output: { IdentityPoolName: "p", IdentityPoolTags: {} } });
    expect(Object.keys((created as { output: object }).output)).not.toContain("$metadata");
    const missing = await target.send("DescribeIdentityPool", { IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" });
    const { raw, ...answer } = missing;
    expect(answer).toEqual({
      ok: false,
      status: 400,
      error: { type: "ResourceNotFoundException", message: "IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found." },
    });
    // The exchange as sent and received, without what differs from run to run.
    expect(raw?.request).toMatch(/^POST \/\n(.+\n)*x-amz-target: AWSCognitoIdentityService\.DescribeIdentityPool\n/);
    expect(raw?.request).not.toMatch(/authorization|x-amz-date/i);
    expect(raw?.response).toMatch(/^HTTP 400\n(.+\n)*x-amzn-errortype: ResourceNotFoundException:\n(.+\n)*\n\{"__type":"ResourceNotFoundException","message":"IdentityPool 'us-east-1:0{8}-0000-4000-8000-0{12}' not found\."\}$/i);
  });

  it("a crash shows the target's status, content type and body, which the SDK could not read", async () => {
    const html = await startServer({ port: 0, log: () => {} });
    html.server.removeAllListeners("request");
    html.server.on("request", (_req, res) => {
      res.writeHead(500, { "content-type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>500</title><p>NotImplementedError: The set_identity_pool_roles action has not been implemented</p>");
    });
    try {
      const target = await httpTarget({ endpoint: html.url, region: "us-east-1", account: "123456789012", reset: false });
      const answer = await target.send("SetIdentityPoolRoles", { IdentityPoolId: "us-east-1:x", Roles: {} });
      expect(answer).toMatchObject({ ok: false, crash: true, status: 500 });
      expect(!answer.ok && answer.error.message).toMatch(/\(HTTP 500, text\/html; charset=utf-8: <!doctype html><title>500<\/title><p>NotImplementedError: The set_identity_pool_roles action has not been implemented<\/p>\)$/);
    } finally {
      await html.close();
    }
  });
});

describe("HTTP endpoints", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, log: () => {} });
  });
  afterAll(async () => {
    await server.close();
  });

  it("knows AWS endpoints", () => {
    expect(isAwsEndpoint("https://cognito-identity.eu-west-1.amazonaws.com")).toBe(true);
    expect(isAwsEndpoint("https://cognito-identity.cn-north-1.amazonaws.com.cn")).toBe(true);
    expect(isAwsEndpoint("http://127.0.0.1:5000")).toBe(false);
  });

  it("finds the reset route an emulator answers, and none where there is none", async () => {
    expect(await findReset(server.url)).toBeDefined();
    expect(await findReset("http://127.0.0.1:9")).toBeUndefined();
  });

  it("resetting empties the endpoint", async () => {
    const target = await httpTarget({ endpoint: server.url, region: "us-east-1", account: "000000000000" });
    await target.send("CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false });
    await target.reset!();
    expect(await target.send("ListIdentityPools", { MaxResults: 5 })).toMatchObject({ ok: true, output: { IdentityPools: [] } });
    await target.close?.();
  });
});
