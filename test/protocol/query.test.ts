// Rules STS-2 to STS-5: the Query protocol as STS speaks it, and telling it from AWS JSON.
import { describe, expect, it } from "vitest";
import { decodeQuery, encodeQueryError, encodeQuerySuccess, isQueryRequest, queryStatusOf } from "../../src/protocol/query.js";
import type { WireRequest } from "../../src/protocol/wire.js";

const FORM = "application/x-www-form-urlencoded; charset=utf-8";
const form = (body: string, headers: Record<string, string> = {}): WireRequest => ({ method: "POST", path: "/", headers: { "content-type": FORM, ...headers }, body });
const SIGNED = {
  "x-amz-date": "20240101T000000Z",
  authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
};

describe("the Query protocol", () => {
  it("STS-2: a request is STS's when it has no X-Amz-Target and a form body; AWS JSON requests are not", () => {
    expect(isQueryRequest(form("Action=GetCallerIdentity&Version=2011-06-15"))).toBe(true);
    expect(isQueryRequest(form("", { "x-amz-target": "AWSCognitoIdentityService.GetId" }))).toBe(false);
    expect(isQueryRequest({ method: "POST", path: "/", headers: { "content-type": "application/x-amz-json-1.1" }, body: "{}" })).toBe(false);
    expect(isQueryRequest({ ...form(""), method: "GET" })).toBe(false);
  });

  it("STS-3: parameters are read by the operation's shape: members, lists of structures, integers", () => {
    const decoded = decodeQuery(
      form("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=s1&WebIdentityToken=a.b.c&DurationSeconds=900&PolicyArns.member.1.arn=p1&PolicyArns.member.2.arn=p2&Unknown=x"),
    );
    expect(decoded).toMatchObject({
      ok: true,
      op: "AssumeRoleWithWebIdentity",
      input: { RoleArn: "arn:aws:iam::123456789012:role/r", RoleSessionName: "s1", WebIdentityToken: "a.b.c", DurationSeconds: 900, PolicyArns: [{ arn: "p1" }, { arn: "p2" }] },
    });
    expect(decodeQuery(form("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&DurationSeconds=ten"))).toMatchObject({ ok: true, input: { DurationSeconds: "ten" } });
  });

  it("STS-3: a missing or unknown Action or Version, and an unsigned GetCallerIdentity, are refused before the model", () => {
    expect(decodeQuery(form("Version=2011-06-15"))).toEqual({ ok: false, error: { type: "MissingAction", message: "Missing Action" } });
    expect(decodeQuery(form("Action=AssumeRole&Version=2011-06-15"))).toEqual({
      ok: false,
      error: { type: "InvalidAction", message: "Could not find operation AssumeRole for version 2011-06-15" },
    });
    expect(decodeQuery(form("Action=GetCallerIdentity&Version=2010-01-01"))).toMatchObject({ ok: false, error: { type: "InvalidAction" } });
    expect(decodeQuery(form("Action=GetCallerIdentity&Version=2011-06-15"))).toEqual({
      ok: false,
      error: { type: "MissingAuthenticationToken", message: "Request is missing Authentication Token" },
    });
    expect(decodeQuery(form("Action=GetCallerIdentity&Version=2011-06-15", SIGNED))).toMatchObject({ ok: true, caller: { accessKeyId: "AKIDEXAMPLE" } });
  });

  it("STS-4: answers are XML: the response element in STS's namespace, the result, the request id", () => {
    const answer = encodeQuerySuccess("GetCallerIdentity", { UserId: "AROA:s", Account: "123456789012", Arn: "arn:aws:sts::123456789012:assumed-role/r/s" }, "req-1");
    expect(answer.status).toBe(200);
    expect(answer.headers["Content-Type"]).toBe("text/xml");
    expect(answer.headers["x-amzn-RequestId"]).toBe("req-1");
    expect(answer.body).toBe(
      [
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
        "  <GetCallerIdentityResult>",
        "    <UserId>AROA:s</UserId>",
        "    <Account>123456789012</Account>",
        "    <Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn>",
        "  </GetCallerIdentityResult>",
        "  <ResponseMetadata>",
        "    <RequestId>req-1</RequestId>",
        "  </ResponseMetadata>",
        "</GetCallerIdentityResponse>",
        "",
      ].join("\n"),
    );
    const assumed = encodeQuerySuccess(
      "AssumeRoleWithWebIdentity",
      { Credentials: { AccessKeyId: "ASIA", SecretAccessKey: "a<b&c", SessionToken: "t", Expiration: new Date(Date.UTC(2024, 0, 1, 1)) }, Audience: "x" },
      "req-2",
    );
    expect(assumed.body).toContain("<SecretAccessKey>a&lt;b&amp;c</SecretAccessKey>");
    expect(assumed.body).toContain("<Expiration>2024-01-01T01:00:00Z</Expiration>");
    // The order of a real answer: Audience, AssumedRoleUser, Provider, Credentials, SubjectFromWebIdentityToken.
    const full = encodeQuerySuccess(
      "AssumeRoleWithWebIdentity",
      { Credentials: { AccessKeyId: "A", SecretAccessKey: "S", SessionToken: "T", Expiration: new Date(0) }, SubjectFromWebIdentityToken: "sub", AssumedRoleUser: { AssumedRoleId: "R", Arn: "N" }, Provider: "P", Audience: "aud" },
      "r",
    ).body;
    const at = (tag: string) => full.indexOf(`<${tag}>`);
    expect([at("Audience"), at("AssumedRoleUser"), at("Provider"), at("Credentials"), at("SubjectFromWebIdentityToken")]).toEqual(
      [at("Audience"), at("AssumedRoleUser"), at("Provider"), at("Credentials"), at("SubjectFromWebIdentityToken")].sort((a, b) => a - b),
    );
  });

  it("STS-5: errors are an ErrorResponse with Type, Code, Message and RequestId, at the status STS gives the code", () => {
    const answer = encodeQueryError({ type: "InvalidIdentityToken", message: "No OpenIDConnect provider found in your account for https://x" }, "req-3");
    expect(answer.status).toBe(400);
    expect(answer.body).toBe(
      [
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
        "  <Error>",
        "    <Type>Sender</Type>",
        "    <Code>InvalidIdentityToken</Code>",
        "    <Message>No OpenIDConnect provider found in your account for https://x</Message>",
        "  </Error>",
        "  <RequestId>req-3</RequestId>",
        "</ErrorResponse>",
        "",
      ].join("\n"),
    );
    expect([queryStatusOf("ExpiredTokenException"), queryStatusOf("IDPRejectedClaim"), queryStatusOf("AccessDenied"), queryStatusOf("ValidationError")]).toEqual([400, 403, 403, 400]);
    expect(encodeQueryError({ type: "InternalErrorException", message: "x" }, "r").body).toContain("<Type>Receiver</Type>");
  });

  it("STS-5: the bytes of an observed error: quotes unescaped, so the body has AWS's 390 bytes", () => {
    const message = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";
    const answer = encodeQueryError({ type: "InvalidIdentityToken", message }, "0b6e9fcb-2b3e-4d12-8f62-7c4c3e9a2f10");
    expect(answer.body).toContain(`<Message>${message}</Message>`);
    expect(Buffer.byteLength(answer.body)).toBe(390);
    const tokenInvalid = encodeQueryError({ type: "InvalidClientTokenId", message: "The security token included in the request is invalid" }, "16fc956c-311e-4199-bee1-1680236e9698");
    expect(Buffer.byteLength(tokenInvalid.body)).toBe(305);
    expect(tokenInvalid.status).toBe(403);
  });
});
