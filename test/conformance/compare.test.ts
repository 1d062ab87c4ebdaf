import { describe, expect, it } from "vitest";
import { compareOutcomes } from "../../src/conformance/compare/outcome.js";
import { normalizeMessage, sameButForTheTime, validationViolations } from "../../src/conformance/compare/normalize.js";
import { credentialsView, openIdTokenView, viewing } from "../../src/conformance/compare/opaque.js";
import { diffOutputs } from "../../src/conformance/compare/output-diff.js";
import type { Result } from "../../src/model/index.js";

const options = { toleranceMs: 1000, masked: new Set<string>() };
const options_ = { toleranceMs: 60_000, masked: new Set<string>() };
const ok = (output: unknown): Result => ({ ok: true, output });
const err = (type: string, message: string) => ({ ok: false as const, error: { type: type as never, message } });
const notFound = (id: string) => err("ResourceNotFoundException", `IdentityPool '${id}' not found.`);
const nameTooLong =
  "1 validation error detected: Value 'aaa' at 'identityPoolName' failed to satisfy constraint: Member must have length less than or equal to 128";

describe("compareOutcomes", () => {
  it("finds nothing when both agree, including the HTTP status of an error", () => {
    expect(compareOutcomes("DescribeIdentityPool", ok({ IdentityPoolId: "x" }), { ok: true, output: { IdentityPoolId: "x" }, status: 200 }, options)).toBeUndefined();
    expect(compareOutcomes("DescribeIdentityPool", notFound("x"), { ...notFound("x"), status: 400 }, options)).toBeUndefined();
  });

  it("a 5xx or an unreadable answer is a crash", () => {
    const d = compareOutcomes("UpdateIdentityPool", notFound("x"), { ok: false, error: { type: "SyntaxError", message: "Unexpected token" }, status: 500, crash: true }, options);
    expect(d).toMatchObject({ kind: "crash", facets: ["crash 500 SyntaxError"] });
  });

  it("an unknown-operation answer is a missing operation", () => {
    const d = compareOutcomes("TagResource", ok({}), { ok: false, error: { type: "UnknownOperationException", message: "" }, status: 400 }, options);
    expect(d).toMatchObject({ kind: "missing operation", facets: ["missing operation"] });
  });

  it("success against error is a wrong status, named by the member the target did not validate", () => {
    const d = compareOutcomes("CreateIdentityPool", err("ValidationException", nameTooLong), { ok: true, output: {}, status: 200 }, options);
    expect(d).toMatchObject({ kind: "wrong status", facets: ["accepts invalid identityPoolName"] });
    const refused = compareOutcomes("ListIdentityPools", ok({ IdentityPools: [] }), { ok: false, error: { type: "ValidationException", message: nameTooLong.replace("identityPoolName", "maxResults") }, status: 400 }, options);
    expect(refused).toMatchObject({ kind: "wrong status", facets: ["refuses valid maxResults"] });
  });

  it("a member the target does not validate has one signature whatever the symptom", () => {
    const looksUp = compareOutcomes("DescribeIdentityPool", err("ValidationException", nameTooLong.replace("identityPoolName", "identityPoolId")), notFound("x"), options);
    expect(looksUp).toMatchObject({ kind: "wrong error type", facets: ["accepts invalid identityPoolId"] });
    const both = `2 validation errors detected: ${nameTooLong.slice(28)}; Value '' at 'developerProviderName' failed to satisfy constraint: Member must have length greater than or equal to 1`;
    const partly = compareOutcomes("CreateIdentityPool", err("ValidationException", both), err("ValidationException", nameTooLong), options);
    expect(partly).toMatchObject({ kind: "wrong message", facets: ["accepts invalid developerProviderName"] });
  });

  it("a different message is normalized: ids, quoted values and numbers do not make new signatures", () => {
    const a = compareOutcomes("DescribeIdentityPool", notFound("us-east-1:11111111-1111-4111-8111-111111111111"), err("ResourceNotFoundException", "us-east-1:11111111-1111-4111-8111-111111111111"), options);
    const b = compareOutcomes("DescribeIdentityPool", notFound("us-east-1:22222222-2222-4222-8222-222222222222"), err("ResourceNotFoundException", "us-east-1:22222222-2222-4222-8222-222222222222"), options);
    expect(a?.kind).toBe("wrong message");
    expect(a?.facets).toEqual(b?.facets);
  });

  it("the same error with another HTTP status is a wrong status", () => {
    const d = compareOutcomes("DescribeIdentityPool", notFound("x"), { ...notFound("x"), status: 404 }, options);
    expect(d).toMatchObject({ kind: "wrong status", facets: ["ResourceNotFoundException with HTTP 404"] });
  });

  it("outputs compare member by member, guided by the output shape", () => {
    const expected = ok({ IdentityPoolId: "p", IdentityPoolName: "new", AllowUnauthenticatedIdentities: false, AllowClassicFlow: true, IdentityPoolTags: { a: "1" } });
    const actual = { ok: true as const, output: { IdentityPoolId: "p", IdentityPoolName: "old", AllowUnauthenticatedIdentities: false, SamlProviderARNs: [], IdentityPoolTags: { a: "1", b: "2" } } };
    const d = compareOutcomes("UpdateIdentityPool", expected, actual, options);
    expect(d?.kind).toBe("wrong output");
    expect(d?.facets.sort()).toEqual(["output: unexpected empty member", "AllowClassicFlow: missing", "IdentityPoolName: changed", "IdentityPoolTags: unexpected member"].sort());
    expect(d?.lines).toContain('IdentityPoolName: expected "new", got "old"');
  });
});

describe("diffOutputs", () => {
  it("lists: length, then item by item; items about a masked resource are skipped", () => {
    const e = { IdentityPools: [{ IdentityPoolId: "p1", IdentityPoolName: "a" }, { IdentityPoolId: "p2", IdentityPoolName: "b" }] };
    const a = { IdentityPools: [{ IdentityPoolId: "p1", IdentityPoolName: "x" }, { IdentityPoolId: "p2", IdentityPoolName: "y" }, { IdentityPoolId: "p3", IdentityPoolName: "c" }] };
    expect(diffOutputs("ListIdentityPoolsResponse", e, a, options).map((d) => d.facet)).toEqual([
      "IdentityPools: length",
      "IdentityPools[].IdentityPoolName: changed",
      "IdentityPools[].IdentityPoolName: changed",
    ]);
    const masked = diffOutputs("ListIdentityPoolsResponse", e, a, { ...options, masked: new Set(["p1", "p2"]) });
    expect(masked.map((d) => d.facet)).toEqual(["IdentityPools: length"]);
  });

  it("map keys fold in signatures", () => {
    expect(diffOutputs("ListTagsForResourceResponse", { Tags: { a: "1" } }, { Tags: { a: "2" } }, options)).toEqual([
      { facet: "Tags{}: changed", line: 'Tags["a"]: expected "1", got "2"' },
    ]);
  });

  it("timestamps compare within the tolerance, as dates or epoch seconds", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(diffOutputs("IdentityDescription", { CreationDate: at }, { CreationDate: new Date(at.getTime() + 900) }, options)).toEqual([]);
    expect(diffOutputs("IdentityDescription", { CreationDate: at }, { CreationDate: at.getTime() / 1000 }, options)).toEqual([]);
    expect(diffOutputs("IdentityDescription", { CreationDate: at }, { CreationDate: new Date(at.getTime() + 5000) }, options)).toHaveLength(1);
  });
});

describe("normalization", () => {
  it("replaces ids, ARNs, quoted values and numbers", () => {
    expect(normalizeMessage("IdentityPool 'us-east-1:0123abcd-0000-4000-8000-000000000000' not found.")).toBe("IdentityPool '…' not found.");
    expect(normalizeMessage("us-east-1:0123abcd-0000-4000-8000-000000000000")).toBe("<id>");
    expect(normalizeMessage("Invalid ARN: arn:aws:iam::1:x")).toBe("Invalid ARN: <arn>");
    expect(normalizeMessage("at most 50 tags")).toBe("at most <n> tags");
  });

  it("reads every violation of a ValidationException, folding list positions", () => {
    const message =
      "2 validation errors detected: Value 'x y' at 'cognitoIdentityProviders.2.member.providerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._:/-]+; Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null";
    expect(validationViolations(message)).toEqual([
      { member: "cognitoIdentityProviders.*.member.providerName", constraint: "pattern" },
      { member: "allowUnauthenticatedIdentities", constraint: "required" },
    ]);
  });
});

const jwt = (claims: Record<string, unknown>, signature = "sig") =>
  `${Buffer.from('{"alg":"RS512","kid":"k"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;

describe("opaque members", () => {
  const claims = { sub: "us-east-1:i", aud: "us-east-1:p", amr: ["unauthenticated"], iat: 1_700_000_000, exp: 1_700_000_600 };

  it("an OpenID token is its claims, iat as a date and exp as the lifetime; key and signature do not count", () => {
    expect(openIdTokenView(jwt(claims))).toEqual({ sub: "us-east-1:i", aud: "us-east-1:p", amr: ["unauthenticated"], issued: new Date(1_700_000_000_000), lifetime: 600 });
    expect(openIdTokenView(jwt(claims, "other"))).toEqual(openIdTokenView(jwt(claims)));
    expect(openIdTokenView("us-east-1:not-a-jwt")).toBe("us-east-1:not-a-jwt");
  });

  it("tokens issued a few seconds apart agree; another lifetime or subject does not", () => {
    const view = viewing("Token", openIdTokenView);
    const expected = ok(view({ IdentityId: "i", Token: jwt(claims) }));
    const later = { ok: true as const, output: view({ IdentityId: "i", Token: jwt({ ...claims, iat: claims.iat + 2, exp: claims.exp + 2 }) }) };
    expect(compareOutcomes("GetOpenIdToken", expected, later, options_)).toBeUndefined();
    const longer = { ok: true as const, output: view({ IdentityId: "i", Token: jwt({ ...claims, exp: claims.iat + 900 }) }) };
    expect(compareOutcomes("GetOpenIdToken", expected, longer, options_)?.facets).toEqual(["Token.lifetime: changed"]);
  });

  it("credentials are their form, and their expiration within the tolerance", () => {
    const at = new Date(1_700_003_600_000);
    const model = { AccessKeyId: "ASIAABCDEFGHIJKLMNOP", SecretKey: "s".repeat(40), SessionToken: "token", Expiration: at };
    const other = { AccessKeyId: "ASIAQRSTUVWXYZ234567", SecretKey: "t".repeat(40), SessionToken: "another", Expiration: new Date(at.getTime() + 1000) };
    const view = viewing("Credentials", credentialsView);
    expect(compareOutcomes("GetCredentialsForIdentity", ok(view({ IdentityId: "i", Credentials: model })), { ok: true, output: view({ IdentityId: "i", Credentials: other }) }, options_)).toBeUndefined();
    const fixed = { ok: true as const, output: view({ IdentityId: "i", Credentials: { AccessKeyId: "TESTACCESSKEY12345", SecretKey: "ABCSECRETKEY", SessionToken: "x", Expiration: new Date(at.getTime() - 3_510_000) } }) };
    const d = compareOutcomes("GetCredentialsForIdentity", ok(view({ IdentityId: "i", Credentials: model })), fixed, options_);
    expect(d?.facets.sort()).toEqual(["Credentials.AccessKeyId: changed", "Credentials.Expiration: changed", "Credentials.SecretKey: changed"]);
  });

  it("an expired-token message agrees when the two clocks differ by less than the tolerance", () => {
    const message = (now: number) => `Invalid login token. Token expired: ${now} >= 1600000000`;
    expect(sameButForTheTime(message(1_700_000_000), message(1_700_000_001), 60_000)).toBe(true);
    expect(sameButForTheTime(message(1_700_000_000), message(1_700_000_100), 60_000)).toBe(false);
    expect(sameButForTheTime(message(1_700_000_000), "Invalid login token. Token expired: 1700000000 >= 1600000001", 60_000)).toBe(false);
  });
});
