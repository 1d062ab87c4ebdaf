import { describe, expect, it } from "vitest";
import { decodeEnvelope, decodeRequest, isJsonContentType } from "../../src/protocol/decode.js";
import type { WireRequest } from "../../src/protocol/wire.js";

const AUTH =
  "AWS4-HMAC-SHA256 Credential=123456789012/20240101/eu-west-1/cognito-identity/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abcdef";

function request(overrides: Partial<WireRequest> & { headers?: Record<string, string | undefined> } = {}): WireRequest {
  const headers: Record<string, string | undefined> = {
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": "AWSCognitoIdentityService.ListIdentityPools",
    "x-amz-date": "20240101T000000Z",
    authorization: AUTH,
    ...overrides.headers,
  };
  return { method: "POST", path: "/", body: '{"MaxResults":3}', ...overrides, headers };
}

const errorOf = (r: WireRequest) => {
  const decoded = decodeRequest(r);
  if (decoded.ok) throw new Error("expected a protocol error");
  return decoded.error;
};

describe("decoding requests", () => {
  it("WIRE-3: a well-formed request gives the operation, the input and the caller", () => {
    expect(decodeRequest(request())).toEqual({
      ok: true,
      op: "ListIdentityPools",
      input: { MaxResults: 3 },
      caller: {
        account: "123456789012",
        region: "eu-west-1",
        regionKnown: true,
        accessKeyId: "123456789012",
        authorization: expect.objectContaining({ accessKeyId: "123456789012" }),
      },
    });
  });

  it("WIRE-3: the operation name is passed on whatever it is; the model decides whether it exists", () => {
    const decoded = decodeEnvelope(request({ headers: { "x-amz-target": "AWSCognitoIdentityService.NoSuchThing" } }));
    expect(decoded).toMatchObject({ ok: true, op: "NoSuchThing" });
  });

  it("WIRE-3: a missing target or one of another service is UnknownOperationException", () => {
    expect(errorOf(request({ headers: { "x-amz-target": undefined } }))).toEqual({ type: "UnknownOperationException", message: "Missing X-Amz-Target header." });
    for (const target of ["DynamoDB_20120810.ListTables", "ListIdentityPools", "AWSCognitoIdentityServiceListIdentityPools", "awscognitoidentityservice.ListIdentityPools"]) {
      expect(errorOf(request({ headers: { "x-amz-target": target } }))).toEqual({ type: "UnknownOperationException", message: `Operation ${target} is not supported.` });
    }
  });

  it("WIRE-2: a method other than POST is UnknownOperationException", () => {
    expect(errorOf(request({ method: "GET" }))).toEqual({
      type: "UnknownOperationException",
      message: "Method GET is not supported: the AWS JSON protocol uses POST.",
    });
  });

  it("WIRE-4: AWS JSON content types are accepted with parameters and in any case; others are UnknownOperationException", () => {
    for (const ok of ["application/x-amz-json-1.1", "application/x-amz-json-1.0", "Application/X-Amz-Json-1.1; charset=UTF-8", " application/x-amz-json-1.1 "]) {
      expect(isJsonContentType(ok)).toBe(true);
    }
    for (const bad of ["application/json", "text/plain", "application/x-amz-json-1.2", "application/x-www-form-urlencoded", ""]) {
      expect(isJsonContentType(bad)).toBe(false);
      expect(errorOf(request({ headers: { "content-type": bad } }))).toEqual({
        type: "UnknownOperationException",
        message: `Unsupported Content-Type '${bad}': expected application/x-amz-json-1.1.`,
      });
    }
    expect(errorOf(request({ headers: { "content-type": undefined } }))).toEqual({
      type: "UnknownOperationException",
      message: "Missing Content-Type header: expected application/x-amz-json-1.1.",
    });
  });

  it("WIRE-10: an unsigned developer operation is MissingAuthenticationTokenException; the public operations need no signature", () => {
    expect(errorOf(request({ headers: { authorization: undefined } }))).toEqual({
      type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    expect(errorOf(request({ headers: { authorization: "  " } })).type).toBe("MissingAuthenticationTokenException");
    expect(errorOf(request({ headers: { authorization: undefined, "x-amz-target": "AWSCognitoIdentityService.Nope" } })).type).toBe(
      "MissingAuthenticationTokenException",
    );
    for (const op of ["GetId", "GetCredentialsForIdentity", "GetOpenIdToken", "UnlinkIdentity"]) {
      const decoded = decodeRequest(request({ headers: { authorization: undefined, "x-amz-date": undefined, "x-amz-target": `AWSCognitoIdentityService.${op}` } }));
      expect(decoded).toMatchObject({ ok: true, op, caller: { account: "000000000000", region: "us-east-1" } });
    }
  });

  it("WIRE-10: an unsigned public request gets the configured default account and Region", () => {
    const decoded = decodeRequest(request({ headers: { authorization: undefined, "x-amz-target": "AWSCognitoIdentityService.GetId" } }), {
      region: "ap-southeast-2",
      account: "999999999999",
    });
    expect(decoded).toMatchObject({ ok: true, caller: { account: "999999999999", region: "ap-southeast-2" } });
  });

  it("WIRE-1: checks run in order: method, target, content type, authentication, body", () => {
    const everythingWrong = request({
      method: "PUT",
      body: "{not json",
      headers: { "x-amz-target": "Other.Op", "content-type": "text/plain", authorization: undefined },
    });
    expect(errorOf(everythingWrong).type).toBe("UnknownOperationException");
    expect(errorOf({ ...everythingWrong, method: "POST" }).message).toBe("Operation Other.Op is not supported.");
    const rightTarget = { ...everythingWrong, method: "POST", headers: { ...everythingWrong.headers, "x-amz-target": "AWSCognitoIdentityService.ListIdentityPools" } };
    expect(errorOf(rightTarget).message).toBe("Unsupported Content-Type 'text/plain': expected application/x-amz-json-1.1.");
    const rightType = { ...rightTarget, headers: { ...rightTarget.headers, "content-type": "application/x-amz-json-1.1" } };
    expect(errorOf(rightType).type).toBe("MissingAuthenticationTokenException");
    expect(errorOf({ ...rightType, headers: { ...rightType.headers, authorization: "garbage" } }).type).toBe("IncompleteSignatureException");
    expect(errorOf({ ...rightType, headers: { ...rightType.headers, authorization: AUTH } }).type).toBe("SerializationException");
  });

  it("WIRE-6: the body is parsed only once the request is otherwise acceptable; empty is {}", () => {
    expect(decodeRequest(request({ body: "" }))).toMatchObject({ ok: true, input: {} });
    expect(errorOf(request({ body: "{" }))).toEqual({ type: "SerializationException", message: "Malformed JSON request body: unexpected end of input at position 1." });
  });
});
