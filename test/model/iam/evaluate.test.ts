// Rules IAM-1..IAM-6: one request against one trust policy (spec/iam.md).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePolicy, parsePolicyDocument, type AuthorizationRequest, type PolicyDocument } from "../../../src/model/index.js";

const POOL = "us-east-1:12345678-1234-4234-8234-123456789012";
const IDENTITY = "us-east-1:aaaaaaaa-1234-4234-8234-123456789012";

function policy(document: unknown): PolicyDocument {
  const parsed = parsePolicyDocument(document);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

const statement = (extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: { Federated: "cognito-identity.amazonaws.com" },
  Action: "sts:AssumeRoleWithWebIdentity",
  ...extra,
});

const doc = (...statements: unknown[]) => policy({ Version: "2012-10-17", Statement: statements });

const request = (context: AuthorizationRequest["context"] = {}, action = "sts:AssumeRoleWithWebIdentity"): AuthorizationRequest => ({
  action,
  principal: { type: "Federated", id: "cognito-identity.amazonaws.com" },
  context: {
    "cognito-identity.amazonaws.com:aud": POOL,
    "cognito-identity.amazonaws.com:sub": IDENTITY,
    "cognito-identity.amazonaws.com:amr": ["authenticated", "graph.facebook.com", "graph.facebook.com:123"],
    ...context,
  },
});

const decide = (p: PolicyDocument, r: AuthorizationRequest = request()) => evaluatePolicy(p, r).decision;
const cond = (condition: Record<string, unknown>) => doc(statement({ Condition: condition }));

describe("the decision", () => {
  it("IAM-1: an applicable Allow allows; nothing applicable is an implicit deny; an applicable Deny wins whatever its place", () => {
    expect(evaluatePolicy(doc(statement()), request())).toEqual({ decision: "Allow", statement: 1 });
    expect(decide(doc(statement({ Action: "sts:AssumeRole" })))).toBe("ImplicitDeny");
    expect(decide(doc(statement({ Principal: { Service: "lambda.amazonaws.com" } })))).toBe("ImplicitDeny");
    expect(evaluatePolicy(doc(statement(), statement({ Effect: "Deny" })), request())).toEqual({ decision: "ExplicitDeny", statement: 2 });
    expect(decide(doc(statement({ Effect: "Deny" }), statement()))).toBe("ExplicitDeny");
  });

  it("IAM-1: actions match without regard to case, with * and ? wildcards; NotAction and NotPrincipal apply to the rest", () => {
    expect(decide(doc(statement({ Action: "STS:assumeRoleWithWebIdentity" })))).toBe("Allow");
    expect(decide(doc(statement({ Action: ["s3:*", "sts:AssumeRoleWith*"] })))).toBe("Allow");
    expect(decide(doc(statement({ Action: "sts:AssumeRoleWith?ebIdentity" })))).toBe("Allow");
    expect(decide(doc(statement({ Action: "*" })))).toBe("Allow");
    expect(decide(doc(statement({ Action: undefined, NotAction: "sts:TagSession" })))).toBe("Allow");
    expect(decide(doc(statement({ Action: undefined, NotAction: "sts:*" })))).toBe("ImplicitDeny");
    expect(decide(doc({ Effect: "Deny", NotPrincipal: { Federated: "cognito-identity.amazonaws.com" }, Action: "*" }, statement()))).toBe("Allow");
    expect(decide(doc({ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "*" }, statement()))).toBe("ExplicitDeny");
  });

  it('IAM-1: "*" and {"AWS": "*"} name every principal', () => {
    expect(decide(doc(statement({ Principal: "*" })))).toBe("Allow");
    expect(decide(doc(statement({ Principal: { AWS: "*" } })))).toBe("Allow");
    expect(decide(doc(statement({ Principal: { Federated: ["accounts.google.com", "cognito-identity.amazonaws.com"] } })))).toBe("Allow");
  });

  it("IAM-1: the decision does not depend on the order of the statements (property)", () => {
    const statements = fc.constantFrom(
      statement(),
      statement({ Effect: "Deny" }),
      statement({ Action: "sts:AssumeRole" }),
      statement({ Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": POOL } } }),
      statement({ Effect: "Deny", Condition: { StringNotEquals: { "cognito-identity.amazonaws.com:aud": POOL } } }),
      statement({ Effect: "Deny", Condition: { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "graph.*" } } }),
    );
    fc.assert(
      fc.property(fc.array(statements, { minLength: 1, maxLength: 6 }), fc.nat(), (list, k) => {
        const rotated = [...list.slice(k % list.length), ...list.slice(0, k % list.length)];
        expect(decide(doc(...rotated))).toBe(decide(doc(...list)));
        // Adding a Deny that applies never leaves an Allow.
        expect(decide(doc(...list, statement({ Effect: "Deny" })))).toBe("ExplicitDeny");
      }),
    );
  });
});

describe("conditions", () => {
  it("IAM-3: the string operators: exact, case-insensitive, wildcards, and their negations", () => {
    const aud = (op: string, value: unknown) => decide(cond({ [op]: { "cognito-identity.amazonaws.com:aud": value } }));
    expect(aud("StringEquals", POOL)).toBe("Allow");
    expect(aud("StringEquals", POOL.toUpperCase())).toBe("ImplicitDeny");
    expect(aud("StringEqualsIgnoreCase", POOL.toUpperCase())).toBe("Allow");
    expect(aud("StringLike", "us-east-1:*")).toBe("Allow");
    expect(aud("StringLike", "us-east-1:1234567?-*")).toBe("Allow");
    expect(aud("StringLike", "eu-*")).toBe("ImplicitDeny");
    expect(aud("StringNotEquals", "us-east-1:other")).toBe("Allow");
    expect(aud("StringNotEquals", POOL)).toBe("ImplicitDeny");
    expect(aud("StringNotLike", "us-east-1:*")).toBe("ImplicitDeny");
    expect(aud("StringNotEqualsIgnoreCase", POOL.toUpperCase())).toBe("ImplicitDeny");
  });

  it("IAM-3: several values of one key are ORed, a negated operator's are NORed; several keys and operators are ANDed", () => {
    const aud = (op: string, value: unknown) => decide(cond({ [op]: { "cognito-identity.amazonaws.com:aud": value } }));
    expect(aud("StringEquals", ["us-east-1:other", POOL])).toBe("Allow");
    expect(aud("StringNotEquals", ["us-east-1:other", POOL])).toBe("ImplicitDeny");
    expect(aud("StringNotEquals", ["us-east-1:other", "us-east-1:third"])).toBe("Allow");
    expect(decide(cond({ StringEquals: { "cognito-identity.amazonaws.com:aud": POOL, "cognito-identity.amazonaws.com:sub": "nobody" } }))).toBe("ImplicitDeny");
    expect(
      decide(cond({ StringEquals: { "cognito-identity.amazonaws.com:aud": POOL }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" } })),
    ).toBe("ImplicitDeny");
  });

  it("IAM-3: condition keys match without regard to case; values with case", () => {
    expect(decide(cond({ StringEquals: { "Cognito-Identity.amazonaws.com:AUD": POOL } }))).toBe("Allow");
  });

  it("IAM-3: numeric, date, Bool, Arn and IP operators compare as their types", () => {
    const ctx = request({ "aws:epochtime": "1700000000", "aws:currenttime": "2023-11-14T22:13:20Z", "aws:securetransport": "true", "aws:sourcearn": "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/x", "aws:sourceip": "10.1.2.3" });
    const check = (condition: Record<string, unknown>) => decide(cond(condition), ctx);
    expect(check({ NumericLessThan: { "aws:EpochTime": 1800000000 } })).toBe("Allow");
    expect(check({ NumericGreaterThanEquals: { "aws:EpochTime": "1700000001" } })).toBe("ImplicitDeny");
    expect(check({ NumericEquals: { "aws:EpochTime": "not a number" } })).toBe("ImplicitDeny");
    expect(check({ DateLessThan: { "aws:CurrentTime": "2024-01-01T00:00:00Z" } })).toBe("Allow");
    expect(check({ DateGreaterThan: { "aws:CurrentTime": "2024-01-01T00:00:00Z" } })).toBe("ImplicitDeny");
    expect(check({ DateEquals: { "aws:CurrentTime": "1700000000" } })).toBe("Allow");
    expect(check({ Bool: { "aws:SecureTransport": true } })).toBe("Allow");
    expect(check({ Bool: { "aws:SecureTransport": "false" } })).toBe("ImplicitDeny");
    expect(check({ ArnLike: { "aws:SourceArn": "arn:aws:cognito-identity:*:123456789012:identitypool/*" } })).toBe("Allow");
    expect(check({ ArnEquals: { "aws:SourceArn": "arn:aws:cognito-identity:us-east-1:210987654321:identitypool/x" } })).toBe("ImplicitDeny");
    expect(check({ ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::*" } })).toBe("Allow");
    expect(check({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })).toBe("Allow");
    expect(check({ IpAddress: { "aws:SourceIp": ["192.168.0.0/16", "2001:db8::/32"] } })).toBe("ImplicitDeny");
    expect(check({ NotIpAddress: { "aws:SourceIp": "192.168.0.0/16" } })).toBe("Allow");
  });

  it("IAM-4: policy variables take the request's values under Version 2012-10-17, and only there", () => {
    const sub = { StringEquals: { "cognito-identity.amazonaws.com:sub": "${cognito-identity.amazonaws.com:sub}" } };
    expect(decide(cond(sub))).toBe("Allow");
    expect(decide(policy({ Version: "2008-10-17", Statement: statement({ Condition: sub }) }))).toBe("ImplicitDeny");
    expect(decide(policy({ Statement: statement({ Condition: sub }) }))).toBe("ImplicitDeny");
    // A variable's value matches only itself, even under StringLike; ${*} is a literal asterisk.
    const like = (value: string, context: AuthorizationRequest["context"]) =>
      decide(cond({ StringLike: { "cognito-identity.amazonaws.com:sub": value } }), request(context));
    expect(like("${aws:username}", { "aws:username": "*", "cognito-identity.amazonaws.com:sub": "anything" })).toBe("ImplicitDeny");
    expect(like("${aws:username}", { "aws:username": "*", "cognito-identity.amazonaws.com:sub": "*" })).toBe("Allow");
    expect(like("a${*}b", { "cognito-identity.amazonaws.com:sub": "a*b" })).toBe("Allow");
    expect(like("a${*}b", { "cognito-identity.amazonaws.com:sub": "axxb" })).toBe("ImplicitDeny");
    // A default for a missing key; no default, or a multivalued key: the value matches nothing.
    expect(like("${aws:missing, 'x'}", { "cognito-identity.amazonaws.com:sub": "x" })).toBe("Allow");
    expect(like("${aws:missing}", { "cognito-identity.amazonaws.com:sub": "" })).toBe("ImplicitDeny");
    expect(like("${cognito-identity.amazonaws.com:amr}", {})).toBe("ImplicitDeny");
  });

  it("IAM-5: a multivalued key is tested with ForAnyValue or ForAllValues; without a set operator the condition does not hold", () => {
    const amr = (op: string, value: unknown) => decide(cond({ [op]: { "cognito-identity.amazonaws.com:amr": value } }));
    expect(amr("ForAnyValue:StringLike", "authenticated")).toBe("Allow");
    expect(amr("ForAnyValue:StringLike", "graph.facebook.com")).toBe("Allow");
    expect(amr("ForAnyValue:StringLike", "accounts.google.com")).toBe("ImplicitDeny");
    expect(amr("ForAllValues:StringLike", ["authenticated", "graph.facebook.com*"])).toBe("Allow");
    expect(amr("ForAllValues:StringLike", "authenticated")).toBe("ImplicitDeny");
    expect(amr("ForAnyValue:StringNotEquals", "authenticated")).toBe("Allow");
    expect(amr("ForAllValues:StringNotEquals", "unauthenticated")).toBe("Allow");
    expect(amr("StringLike", "authenticated")).toBe("ImplicitDeny");
    expect(amr("StringEquals", ["authenticated", "graph.facebook.com", "graph.facebook.com:123"])).toBe("ImplicitDeny");
  });

  it("IAM-6: a key the request lacks: false, but true for negated operators, IfExists and ForAllValues; Null tests presence", () => {
    const missing = (op: string, value: unknown = "x") => decide(cond({ [op]: { "aws:RequestTag/team": value } }));
    expect(missing("StringEquals")).toBe("ImplicitDeny");
    expect(missing("StringLike", "*")).toBe("ImplicitDeny");
    expect(missing("StringNotEquals")).toBe("Allow");
    expect(missing("StringNotLike")).toBe("Allow");
    expect(missing("StringEqualsIfExists")).toBe("Allow");
    expect(missing("ForAllValues:StringEquals")).toBe("Allow");
    expect(missing("ForAnyValue:StringEquals")).toBe("ImplicitDeny");
    expect(missing("Null", "true")).toBe("Allow");
    expect(missing("Null", "false")).toBe("ImplicitDeny");
    expect(decide(cond({ Null: { "cognito-identity.amazonaws.com:aud": "false" } }))).toBe("Allow");
    // IfExists on a present key is the operator itself.
    expect(decide(cond({ StringEqualsIfExists: { "cognito-identity.amazonaws.com:aud": "us-east-1:other" } }))).toBe("ImplicitDeny");
  });
});
