// Differences that rest on the model's own conventions are not reported against other implementations.
import { describe, expect, it } from "vitest";
import { restsOnConvention } from "../../src/conformance/conventions.js";
import { TEST_TOKEN_PREFIX, type ErrorType, type Result } from "../../src/model/index.js";

const refusal = (type: ErrorType, message: string): Result => ({ ok: false, error: { type, message } });
const testToken = `${TEST_TOKEN_PREFIX}eyJpc3MiOiJhcm4ifQ`;
const jwt = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20ifQ.";

describe("conventions", () => {
  it("LOGIN-12: a refusal of a value that is not in the test format, and a success with a test-format token, rest on the convention", () => {
    expect(restsOnConvention({ Logins: { "graph.facebook.com": "x" } }, refusal("NotAuthorizedException", "Invalid login token. Not a test token for graph.facebook.com (see spec/login-tokens.md)."))).toBe(true);
    expect(restsOnConvention({ Logins: { "graph.facebook.com": testToken } }, { ok: true, output: {} })).toBe(true);
    expect(restsOnConvention({ Logins: { "accounts.google.com": jwt } }, { ok: true, output: {} })).toBe(false);
  });

  it("LOGIN-12: a refusal for what a test-format token says (expired) rests on the convention; the same refusal of a JWT, or a validation error, does not", () => {
    const expired = refusal("NotAuthorizedException", "Invalid login token. Token expired: 1 >= 0");
    expect(restsOnConvention({ Logins: { "arn:aws:iam::123456789012:saml-provider/corp": testToken } }, expired)).toBe(true);
    expect(restsOnConvention({ Logins: { "accounts.google.com": jwt } }, expired)).toBe(false);
    expect(restsOnConvention({ Logins: { "graph.facebook.com": testToken } }, refusal("ValidationException", "1 validation error detected: ..."))).toBe(false);
    expect(restsOnConvention({ IdentityId: "us-east-1:x", Logins: { "graph.facebook.com": testToken } }, refusal("NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool."))).toBe(false);
  });
});
