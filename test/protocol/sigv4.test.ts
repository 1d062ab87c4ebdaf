import { CognitoIdentityClient, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAuthorization, type ParsedAuthorization } from "../../src/protocol/caller.js";
import { parseAmzDate, signingTimeRefusal, STS_SIGNING, verifySignature } from "../../src/protocol/sigv4.js";
import type { WireRequest } from "../../src/protocol/wire.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const INVALID = {
  type: "InvalidSignatureException",
  message:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
};

/** A request exactly as the SDK signed it, captured before it would leave. */
async function signedBySdk(query: Record<string, string> = {}): Promise<WireRequest> {
  let captured: HttpRequest | undefined;
  const client = new CognitoIdentityClient({
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET },
    requestHandler: {
      handle: async (request: HttpRequest) => {
        captured = request;
        return { response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: Buffer.from("{}") }) };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    } as never,
  });
  if (Object.keys(query).length > 0) {
    client.middlewareStack.add((next) => (args) => {
      (args.request as HttpRequest).query = query;
      return next(args);
    }, { step: "build" });
  }
  await client.send(new ListIdentityPoolsCommand({ MaxResults: 7 }));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(captured!.headers)) headers[k.toLowerCase()] = v;
  const search = new URLSearchParams(captured!.query as Record<string, string>).toString();
  return { method: captured!.method, path: search ? `${captured!.path}?${search}` : captured!.path, headers, body: captured!.body as Uint8Array };
}

/** Verification at the time of the test: the SDK signed a moment ago. */
const verify = (request: WireRequest, auth: ParsedAuthorization, secret: string) => verifySignature(request, auth, secret, Date.now());

const authOf = (request: WireRequest) => parseAuthorization(request.headers["authorization"] as string, true) as ParsedAuthorization;

describe("signature verification", () => {
  let request: WireRequest;
  beforeAll(async () => {
    request = await signedBySdk();
  });

  it("WIRE-13: what the SDK signs verifies with the same secret", async () => {
    expect(await verify(request, authOf(request), SECRET)).toBeUndefined();
  });

  it("WIRE-13: a query string enters the signature", async () => {
    const withQuery = await signedBySdk({ b: "2", a: "x y" });
    expect(withQuery.path).toBe("/?b=2&a=x+y");
    expect(await verify(withQuery, authOf(withQuery), SECRET)).toBeUndefined();
    const tampered = { ...withQuery, path: "/?b=3&a=x+y" };
    expect(await verify(tampered, authOf(tampered), SECRET)).toEqual(INVALID);
  });

  it("VAL-18: query parameters named constructor, toString or __proto__ are signed like any other", async () => {
    const query = Object.fromEntries([["constructor", "1"], ["toString", "2"], ["__proto__", "3"]]) as Record<string, string>;
    const withQuery = await signedBySdk(query);
    expect(withQuery.path).toBe("/?constructor=1&toString=2&__proto__=3");
    expect(await verify(withQuery, authOf(withQuery), SECRET)).toBeUndefined();
    // The SDK's signer (@smithy/signature-v4) leaves a `__proto__` parameter's value out of what it
    // signs, so only the others can show that their values are signed.
    for (const path of ["/?constructor=9&toString=2&__proto__=3", "/?constructor=1&toString=9&__proto__=3"]) {
      const tampered = { ...withQuery, path };
      expect(await verify(tampered, authOf(tampered), SECRET)).toEqual(INVALID);
    }
  });

  it("VAL-18: a signed header named like a prototype member that the request lacks does not verify", async () => {
    const auth = authOf(request);
    for (const name of ["constructor", "tostring", "__proto__"]) {
      expect(await verify(request, { ...auth, signedHeaders: [...auth.signedHeaders, name] }, SECRET)).toEqual(INVALID);
    }
  });

  it("WIRE-13: another secret, body, signed header, path or a missing signed header do not verify", async () => {
    const auth = authOf(request);
    expect(await verify(request, auth, "another secret")).toEqual(INVALID);
    expect(await verify({ ...request, body: '{"MaxResults":8}' }, auth, SECRET)).toEqual(INVALID);
    expect(await verify({ ...request, path: "/other" }, auth, SECRET)).toEqual(INVALID);
    expect(await verify({ ...request, headers: { ...request.headers, "x-amz-target": "AWSCognitoIdentityService.GetId" } }, auth, SECRET)).toEqual(INVALID);
    const { host: _host, ...withoutHost } = request.headers;
    expect(await verify({ ...request, headers: withoutHost }, auth, SECRET)).toEqual(INVALID);
    // A header that was not signed may change freely.
    expect(await verify({ ...request, headers: { ...request.headers, "user-agent": "changed" } }, auth, SECRET)).toBeUndefined();
  });

  it("WIRE-13: the date must be X-Amz-Date's form; the scope must name the service and aws4_request", async () => {
    const auth = authOf(request);
    expect(await verify({ ...request, headers: { ...request.headers, "x-amz-date": "yesterday" } }, auth, SECRET)).toEqual(INVALID);
    expect(await verify(request, { ...auth, scope: { ...auth.scope, service: "s3" } }, SECRET)).toEqual({
      type: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'cognito-identity'.",
    });
    expect(await verify(request, { ...auth, scope: { ...auth.scope, terminator: "aws5_request" } }, SECRET)).toEqual({
      type: "InvalidSignatureException",
      message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
    });
  });

  it("WIRE-33: a signing time more than five minutes from the clock is refused, before the signature is compared", async () => {
    const auth = authOf(request);
    const amzDate = request.headers["x-amz-date"] as string;
    const signedAt = parseAmzDate(amzDate)!.getTime();
    const MINUTE = 60_000;
    expect(await verifySignature(request, auth, SECRET, signedAt + 5 * MINUTE)).toBeUndefined();
    expect(await verifySignature(request, auth, SECRET, signedAt - 5 * MINUTE + 999)).toBeUndefined();
    const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}/, "").replace(/[-:]/g, "");
    const late = signedAt + 5 * MINUTE + 1000;
    expect(await verifySignature(request, auth, "another secret", late)).toEqual({
      type: "InvalidSignatureException",
      message: `Signature expired: ${amzDate} is now earlier than ${at(late - 5 * MINUTE)} (${at(late)} - 5 min.)`,
    });
    const early = signedAt - 5 * MINUTE - 1000;
    expect(await verifySignature(request, auth, SECRET, early)).toEqual({
      type: "InvalidSignatureException",
      message: `Signature not yet current: ${amzDate} is still later than ${at(early + 5 * MINUTE)} (${at(early)} + 5 min.)`,
    });
  });

  it("WIRE-33: AWS's texts, the clock to the second; STS allows fifteen minutes", () => {
    const clock = Date.UTC(2024, 0, 1) + 999;
    expect(signingTimeRefusal("20200101T000000Z", parseAmzDate("20200101T000000Z")!, clock, 5)?.message).toBe(
      "Signature expired: 20200101T000000Z is now earlier than 20231231T235500Z (20240101T000000Z - 5 min.)",
    );
    expect(signingTimeRefusal("20990101T000000Z", parseAmzDate("20990101T000000Z")!, clock, 5)?.message).toBe(
      "Signature not yet current: 20990101T000000Z is still later than 20240101T000500Z (20240101T000000Z + 5 min.)",
    );
    expect(STS_SIGNING).toEqual({ service: "sts", skewMinutes: 15 });
    expect(signingTimeRefusal("20231231T235000Z", parseAmzDate("20231231T235000Z")!, clock, STS_SIGNING.skewMinutes)).toBeUndefined();
    expect(signingTimeRefusal("20231231T234459Z", parseAmzDate("20231231T234459Z")!, clock, STS_SIGNING.skewMinutes)?.message).toBe(
      "Signature expired: 20231231T234459Z is now earlier than 20231231T234500Z (20240101T000000Z - 15 min.)",
    );
  });

  it("WIRE-13: X-Amz-Date is read as UTC", () => {
    expect(parseAmzDate("20240229T235959Z")?.toISOString()).toBe("2024-02-29T23:59:59.000Z");
    expect(parseAmzDate("2024-02-29T23:59:59Z")).toBeUndefined();
  });
});
